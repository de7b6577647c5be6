//! The bookkeeping behind the calls: a name's and an endpoint's checks, the deposit a record
//! holds, and an account's release from a provider; and the [`ProviderRegistry`] that other
//! pallets read.

use super::*;

impl<T: Config> Pallet<T> {
	/// The deposit for a record whose name and endpoint have these lengths.
	pub fn deposit_for(name_len: usize, endpoint_len: usize) -> BalanceOf<T> {
		let bytes: BalanceOf<T> = name_len.saturating_add(endpoint_len).saturated_into();
		T::ProviderDepositBase::get()
			.saturating_add(T::ProviderDepositPerByte::get().saturating_mul(bytes))
	}

	pub(crate) fn checked_name(name: Vec<u8>) -> Result<ProviderName<T::MaxNameLength>, Error<T>> {
		let valid = !name.is_empty() && core::str::from_utf8(&name).is_ok();
		ensure!(valid, Error::<T>::InvalidName);
		name.try_into().map_err(|_| Error::<T>::InvalidName)
	}

	pub(crate) fn checked_endpoint(
		endpoint: Vec<u8>,
	) -> Result<Endpoint<T::MaxEndpointLength>, Error<T>> {
		let rest = endpoint
			.strip_prefix(b"https://")
			.or_else(|| endpoint.strip_prefix(b"http://"))
			.ok_or(Error::<T>::InvalidEndpoint)?;
		let printable = rest.iter().all(|b| b.is_ascii_graphic());
		ensure!(!rest.is_empty() && printable, Error::<T>::InvalidEndpoint);
		endpoint.try_into().map_err(|_| Error::<T>::InvalidEndpoint)
	}

	pub(crate) fn adjust_deposit(
		who: &T::AccountId,
		old: BalanceOf<T>,
		new: BalanceOf<T>,
	) -> DispatchResult {
		let reason = HoldReason::ProviderDeposit.into();
		if new > old {
			T::Currency::hold(&reason, who, new.saturating_sub(old))?;
		} else if old > new {
			T::Currency::release(&reason, who, old.saturating_sub(new), Precision::BestEffort)?;
		}
		Ok(())
	}

	pub(crate) fn drop_application(applicant: &T::AccountId) -> DispatchResult {
		let application = Applications::<T>::take(applicant).ok_or(Error::<T>::NotApplicant)?;
		T::Currency::release(
			&HoldReason::ProviderDeposit.into(),
			applicant,
			application.deposit,
			Precision::BestEffort,
		)?;
		Ok(())
	}

	/// Remove a provider and its practitioners from the registry; the caller settles the
	/// deposit.
	pub(crate) fn remove_provider(
		provider: &T::AccountId,
	) -> Result<ProviderInfoOf<T>, DispatchError> {
		let info = Providers::<T>::get(provider).ok_or(Error::<T>::NotProvider)?;
		Self::deactivate(provider)?;
		for practitioner in Practitioners::<T>::take(provider) {
			Employers::<T>::remove(&practitioner);
			Self::deposit_event(Event::PractitionerRemoved {
				provider: provider.clone(),
				practitioner,
			});
		}
		EmploymentOffers::<T>::remove(provider);
		Providers::<T>::remove(provider);
		Ok(info)
	}

	/// Refuses an account that may not become a practitioner: a provider, an applicant, or
	/// another provider's practitioner.
	pub(crate) fn ensure_employable(who: &T::AccountId) -> DispatchResult {
		ensure!(
			!Providers::<T>::contains_key(who) && !Applications::<T>::contains_key(who),
			Error::<T>::IsProvider
		);
		ensure!(!Employers::<T>::contains_key(who), Error::<T>::AlreadyEmployed);
		Ok(())
	}

	/// Whether an offer of employment made at block `made` has lapsed at block `now`.
	pub(crate) fn lapsed(made: BlockNumberFor<T>, now: BlockNumberFor<T>) -> bool {
		now >= made.saturating_add(T::EmploymentOfferLifetime::get())
	}

	/// Keeps `provider`'s open offers, removing the entry when none is left.
	pub(crate) fn store_offers(provider: &T::AccountId, offers: OffersOf<T>) {
		if offers.is_empty() {
			EmploymentOffers::<T>::remove(provider);
		} else {
			EmploymentOffers::<T>::insert(provider, offers);
		}
	}

	pub(crate) fn release_practitioner(provider: &T::AccountId, practitioner: &T::AccountId) {
		Practitioners::<T>::mutate_exists(provider, |staff| {
			if let Some(list) = staff {
				list.retain(|p| p != practitioner);
				if list.is_empty() {
					*staff = None;
				}
			}
		});
		Employers::<T>::remove(practitioner);
		Self::deposit_event(Event::PractitionerRemoved {
			provider: provider.clone(),
			practitioner: practitioner.clone(),
		});
	}
}

impl<T: Config> ProviderRegistry<T::AccountId> for Pallet<T> {
	fn status(who: &T::AccountId) -> Option<ProviderStatus> {
		Providers::<T>::get(who).map(|info| info.status)
	}

	fn employer(practitioner: &T::AccountId) -> Option<T::AccountId> {
		Employers::<T>::get(practitioner)
	}
}
