//! The registry's invariants (see the crate docs), checked under `try-runtime` and after every
//! unit test.

use super::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant listed in the crate docs.
	// Built for `std` as well as `try-runtime` and tests: the runtime's integration tests
	// (`runtime/tests/governance.rs`) check these invariants from another crate.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let active = ActiveProviders::<T>::get();
		ensure!(active.windows(2).all(|w| w[0] < w[1]), "active providers unsorted or repeated");
		let mut active_count = 0usize;
		for (who, info) in Providers::<T>::iter() {
			let listed = active.binary_search(&who).is_ok();
			ensure!(
				listed == (info.status == ProviderStatus::Active),
				"active providers disagree with provider status"
			);
			if listed {
				active_count += 1;
			}
			ensure!(!Applications::<T>::contains_key(&who), "provider is also an applicant");
			ensure!(!Employers::<T>::contains_key(&who), "provider is also a practitioner");
			ensure!(Self::held(&who) == info.deposit, "provider hold differs from its deposit");
		}
		ensure!(active_count == active.len(), "active provider not registered");
		ensure!(
			Providers::<T>::count() == 0 || !active.is_empty(),
			"providers registered but none active"
		);
		ensure!(
			T::Council::sorted_members() == active.to_vec(),
			"council members differ from active providers"
		);
		for (who, application) in Applications::<T>::iter() {
			ensure!(!Employers::<T>::contains_key(&who), "applicant is also a practitioner");
			ensure!(Self::held(&who) == application.deposit, "applicant hold differs from deposit");
		}
		for (provider, staff) in Practitioners::<T>::iter() {
			ensure!(Providers::<T>::contains_key(&provider), "practitioners of a non-provider");
			ensure!(!staff.is_empty(), "empty practitioner list kept");
			for p in &staff {
				ensure!(Employers::<T>::get(p).as_ref() == Some(&provider), "employer mismatch");
			}
		}
		for (practitioner, provider) in Employers::<T>::iter() {
			ensure!(
				Practitioners::<T>::get(&provider).contains(&practitioner),
				"practitioner missing from its provider's list"
			);
		}
		for (provider, offers) in EmploymentOffers::<T>::iter() {
			ensure!(Providers::<T>::contains_key(&provider), "offers of a non-provider");
			ensure!(!offers.is_empty(), "empty offer list kept");
			for (i, (offered, _)) in offers.iter().enumerate() {
				ensure!(!offers[..i].iter().any(|(p, _)| p == offered), "an offer made twice");
			}
		}
		Ok(())
	}

	#[cfg(any(feature = "try-runtime", test))]
	fn held(who: &T::AccountId) -> BalanceOf<T> {
		use frame_support::traits::fungible::InspectHold;
		T::Currency::balance_on_hold(&HoldReason::ProviderDeposit.into(), who)
	}
}
