//! The registry as the chain's session manager, and the council that follows it.
//!
//! The active providers are both the council and the candidates for the validator set: a
//! provider joins or leaves the council at once, and the validator set at the next rotation.

use super::*;

impl<T: Config> Pallet<T> {
	/// Put `who` among the active providers and on the council.
	pub(crate) fn activate(who: &T::AccountId) -> DispatchResult {
		let mut active = ActiveProviders::<T>::get();
		let at = active.binary_search(who).err().ok_or(Error::<T>::AlreadyProvider)?;
		active.try_insert(at, who.clone()).map_err(|_| Error::<T>::TooManyProviders)?;
		T::Council::change_members_sorted(core::slice::from_ref(who), &[], &active);
		ActiveProviders::<T>::put(active);
		Ok(())
	}

	/// Take `who` off the active providers and the council. Refuses to leave none.
	pub(crate) fn deactivate(who: &T::AccountId) -> DispatchResult {
		let mut active = ActiveProviders::<T>::get();
		let Ok(at) = active.binary_search(who) else { return Ok(()) };
		ensure!(active.len() > 1, Error::<T>::LastActiveProvider);
		active.remove(at);
		T::Council::change_members_sorted(&[], core::slice::from_ref(who), &active);
		ActiveProviders::<T>::put(active);
		Ok(())
	}

	/// The validators for a new session: the active providers that have set session keys.
	pub fn planned_validators() -> Vec<T::AccountId> {
		ActiveProviders::<T>::get()
			.into_iter()
			.filter(|p| T::ValidatorRegistration::is_registered(p))
			.collect()
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(session: u32) -> Option<Vec<T::AccountId>> {
		let validators = Self::planned_validators();
		if validators.is_empty() {
			// Never hand the session an empty set: keep the current validators instead.
			log::warn!(target: LOG_TARGET, "no active provider has session keys; validators kept");
			return None;
		}
		Self::deposit_event(Event::ValidatorsPlanned {
			session,
			validators: validators.len().saturated_into(),
		});
		Some(validators)
	}

	fn end_session(_: u32) {}

	fn start_session(_: u32) {}
}
