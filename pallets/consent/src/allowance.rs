//! The feeless allowance: a patient, with their representatives, makes
//! [`Config::MaxFeelessCallsPerWindow`] consent calls per [`Config::FeelessWindow`] without
//! fees. The calls' `feeless_if` ask [`Pallet::is_feeless`]; the [`CheckConsentCall`]
//! transaction extension counts every consent call before dispatch.

use super::*;

impl<T: Config> Pallet<T> {
	/// Whether a consent call signed by `origin` for `patient` goes without fees: the signer
	/// manages the patient's consent and the patient's allowance for this window is not spent.
	/// [`CheckConsentCall`] counts each such call before it is dispatched, so a call that fails
	/// uses the allowance all the same.
	pub fn is_feeless(origin: &OriginFor<T>, patient: &T::AccountId) -> bool {
		let Ok(agent) = ensure_signed(origin.clone()) else { return false };
		T::Patients::may_manage_consent(&agent, patient)
			&& Self::consent_calls_in_window(patient) < T::MaxFeelessCallsPerWindow::get()
	}

	/// How many consent calls for `patient` were counted in the current window.
	pub fn consent_calls_in_window(patient: &T::AccountId) -> u32 {
		let now = frame_system::Pallet::<T>::block_number();
		FixedWindow::at(FeelessUse::<T>::get(patient), now, T::FeelessWindow::get()).count
	}

	/// Count a consent call against the patient's feeless allowance, paid or not. Called by
	/// [`CheckConsentCall`] before dispatch, where a failing call cannot roll it back.
	pub(crate) fn note_consent_call(patient: &T::AccountId) {
		let now = frame_system::Pallet::<T>::block_number();
		FeelessUse::<T>::mutate(patient, |usage| {
			*usage = Some(FixedWindow::at(*usage, now, T::FeelessWindow::get()).counted());
		});
	}
}
