//! Benchmarks of the provider registry, each call at its worst case.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate;
use frame_system::RawOrigin;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = Pallet::<T>::deposit_for(
		T::MaxNameLength::get() as usize,
		T::MaxEndpointLength::get() as usize,
	)
	.saturating_mul(4u32.into())
	.saturating_add(T::Currency::minimum_balance().saturating_mul(1000u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn longest_name<T: Config>() -> Vec<u8> {
	vec![b'n'; T::MaxNameLength::get() as usize]
}

fn longest_endpoint<T: Config>() -> Vec<u8> {
	let mut url = b"https://".to_vec();
	url.resize(T::MaxEndpointLength::get() as usize, b'e');
	url
}

fn key(seed: u8) -> EncryptionKey {
	EncryptionKey([seed.max(1); 32])
}

fn applicant<T: Config>(index: u32) -> T::AccountId {
	let who = funded::<T>("applicant", index);
	assert!(Pallet::<T>::apply(
		RawOrigin::Signed(who.clone()).into(),
		longest_name::<T>(),
		longest_endpoint::<T>(),
		key(7),
	)
	.is_ok());
	who
}

fn admitted<T: Config>(index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who = applicant::<T>(index);
	let origin =
		T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	Pallet::<T>::admit(origin, who.clone())?;
	Ok(who)
}

/// Fill the registry so that `a` providers are active in all, returning one of them.
fn active_providers<T: Config>(a: u32) -> Result<T::AccountId, BenchmarkError> {
	let mut last = None;
	let existing = ActiveProviders::<T>::get().len() as u32;
	for i in existing..a.max(existing + 1) {
		last = Some(admitted::<T>(1000 + i)?);
	}
	last.ok_or(BenchmarkError::Weightless)
}

fn with_practitioners<T: Config>(provider: &T::AccountId, p: u32) -> Option<T::AccountId> {
	let mut last = None;
	for i in 0..p {
		let who: T::AccountId = account("practitioner", i, 0);
		assert!(Pallet::<T>::offer_employment(
			RawOrigin::Signed(provider.clone()).into(),
			who.clone()
		)
		.is_ok());
		assert!(Pallet::<T>::accept_employment(
			RawOrigin::Signed(who.clone()).into(),
			provider.clone()
		)
		.is_ok());
		last = Some(who);
	}
	last
}

/// `provider` offers employment to `n` accounts (`"offered"` 0 to n - 1); the last of them.
fn with_offers<T: Config>(provider: &T::AccountId, n: u32) -> Option<T::AccountId> {
	let mut last = None;
	for i in 0..n {
		let who: T::AccountId = account("offered", i, 0);
		assert!(Pallet::<T>::offer_employment(
			RawOrigin::Signed(provider.clone()).into(),
			who.clone()
		)
		.is_ok());
		last = Some(who);
	}
	last
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn apply() {
		let who = funded::<T>("applicant", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), longest_name::<T>(), longest_endpoint::<T>(), key(1));

		assert!(Applications::<T>::contains_key(&who));
	}

	#[benchmark]
	fn withdraw_application() {
		let who = applicant::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Applications::<T>::contains_key(&who));
	}

	#[benchmark]
	fn admit(a: Linear<1, { T::MaxProviders::get() - 1 }>) -> Result<(), BenchmarkError> {
		active_providers::<T>(a)?;
		let who = applicant::<T>(0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Pallet::<T>::status(&who), Some(ProviderStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let who = applicant::<T>(0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Applications::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn suspend(a: Linear<2, { T::MaxProviders::get() }>) -> Result<(), BenchmarkError> {
		let who = active_providers::<T>(a)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Pallet::<T>::status(&who), Some(ProviderStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate(a: Linear<2, { T::MaxProviders::get() }>) -> Result<(), BenchmarkError> {
		let who = active_providers::<T>(a)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Pallet::<T>::suspend(origin.clone(), who.clone())?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Pallet::<T>::status(&who), Some(ProviderStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn expel(
		a: Linear<2, { T::MaxProviders::get() }>,
		p: Linear<0, { T::MaxPractitioners::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = active_providers::<T>(a)?;
		with_practitioners::<T>(&who, p);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Pallet::<T>::status(&who), None);
		Ok(())
	}

	#[benchmark]
	fn retire(
		a: Linear<2, { T::MaxProviders::get() }>,
		p: Linear<0, { T::MaxPractitioners::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = active_providers::<T>(a)?;
		with_practitioners::<T>(&who, p);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Pallet::<T>::status(&who), None);
		Ok(())
	}

	#[benchmark]
	fn set_endpoint() -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		let mut shorter = longest_endpoint::<T>();
		shorter.pop();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), shorter.clone());

		assert_eq!(Providers::<T>::get(&who).map(|i| i.endpoint.to_vec()), Some(shorter));
		Ok(())
	}

	#[benchmark]
	fn rotate_encryption_key() -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		// Fill the history so that the rotation drops the oldest key.
		for seed in 0..T::MaxPreviousKeys::get() {
			Pallet::<T>::rotate_encryption_key(
				RawOrigin::Signed(who.clone()).into(),
				key(100u8.saturating_add(seed as u8)),
			)?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), key(2));

		assert_eq!(Providers::<T>::get(&who).map(|i| i.encryption_key), Some(key(2)));
		Ok(())
	}

	#[benchmark]
	fn offer_employment(
		p: Linear<0, { T::MaxPractitioners::get() - 1 }>,
	) -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		with_offers::<T>(&who, p);
		let newcomer: T::AccountId = account("newcomer", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), newcomer.clone());

		assert!(EmploymentOffers::<T>::get(&who).iter().any(|(p, _)| p == &newcomer));
		Ok(())
	}

	/// `p` practitioners on the roster, and the offers full with the one accepted last.
	#[benchmark]
	fn accept_employment(
		p: Linear<0, { T::MaxPractitioners::get() - 1 }>,
	) -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		with_practitioners::<T>(&who, p);
		let last =
			with_offers::<T>(&who, T::MaxPractitioners::get()).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), who.clone());

		assert_eq!(Pallet::<T>::employer(&last), Some(who));
		Ok(())
	}

	#[benchmark]
	fn withdraw_employment_offer(
		p: Linear<1, { T::MaxPractitioners::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		let last = with_offers::<T>(&who, p).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), last.clone());

		assert!(!EmploymentOffers::<T>::get(&who).iter().any(|(p, _)| p == &last));
		Ok(())
	}

	#[benchmark]
	fn remove_practitioner(
		p: Linear<1, { T::MaxPractitioners::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		let last = with_practitioners::<T>(&who, p).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), last.clone());

		assert_eq!(Pallet::<T>::employer(&last), None);
		Ok(())
	}

	#[benchmark]
	fn leave_provider(p: Linear<1, { T::MaxPractitioners::get() }>) -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		let last = with_practitioners::<T>(&who, p).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()));

		assert_eq!(Pallet::<T>::employer(&last), None);
		Ok(())
	}

	/// Whether an account is an active provider, through the registry's read that the runtime
	/// and the other pallets use: an active provider, with the longest name and endpoint.
	#[benchmark]
	fn is_active_provider() -> Result<(), BenchmarkError> {
		let who = admitted::<T>(0)?;
		let active;

		#[block]
		{
			active = <Pallet<T> as ProviderRegistry<T::AccountId>>::is_active(&who);
		}

		assert!(active);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
