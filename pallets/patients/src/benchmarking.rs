//! Benchmarks of the patient registry, each call at its worst case.

use super::*;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate;
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, index, 0);
	let amount = T::PatientDeposit::get()
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn key(seed: u8) -> EncryptionKey {
	EncryptionKey([seed.max(1); 32])
}

fn registered<T: Config>() -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let patient = funded::<T>("patient", 0);
	assert!(Pallet::<T>::register(RawOrigin::Signed(patient.clone()).into(), key(1)).is_ok());
	patient
}

fn with_representatives<T: Config>(patient: &T::AccountId, r: u32) {
	for i in 0..r {
		let rep: T::AccountId = account("representative", i, 0);
		assert!(Pallet::<T>::appoint_representative(
			RawOrigin::Signed(patient.clone()).into(),
			rep,
			RepresentativeScope::Full,
			H256::zero(),
			None,
		)
		.is_ok());
	}
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let patient = funded::<T>("patient", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), key(1));

		assert!(Patients::<T>::contains_key(&patient));
	}

	#[benchmark]
	fn register_sponsored() -> Result<(), BenchmarkError> {
		// The runtime's provider registry decides who may sponsor: the helper names one.
		let sponsor = T::BenchmarkHelper::sponsor().ok_or(BenchmarkError::Weightless)?;
		let patient = T::BenchmarkHelper::patient();
		let payload = Pallet::<T>::registration_payload(&patient, key(1)).encode();
		let signature = T::BenchmarkHelper::sign(&patient, &payload);
		T::Currency::set_balance(
			&sponsor,
			T::PatientDeposit::get()
				.saturating_mul(10u32.into())
				.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into())),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), patient.clone(), key(1), signature);

		assert!(Patients::<T>::contains_key(&patient));
		Ok(())
	}

	#[benchmark]
	fn rotate_encryption_key() {
		let patient = registered::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), key(2));

		assert_eq!(Patients::<T>::get(&patient).map(|i| i.key_version), Some(1));
	}

	#[benchmark]
	fn appoint_representative() {
		let patient = registered::<T>();
		with_representatives::<T>(&patient, T::MaxRepresentatives::get() - 1);
		let rep: T::AccountId = account("newcomer", 0, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			rep.clone(),
			RepresentativeScope::Full,
			H256::zero(),
			None,
		);

		assert!(Representatives::<T>::contains_key(&patient, &rep));
	}

	/// Also the weight of `resign` and `dismiss_by_law`, which remove a representative the
	/// same way.
	#[benchmark]
	fn dismiss_representative() {
		let patient = registered::<T>();
		with_representatives::<T>(&patient, T::MaxRepresentatives::get());
		let rep: T::AccountId = account("representative", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), rep.clone());

		assert!(!Representatives::<T>::contains_key(&patient, &rep));
	}

	#[benchmark]
	fn close_account(r: Linear<0, { T::MaxRepresentatives::get() }>) {
		let patient = registered::<T>();
		with_representatives::<T>(&patient, r);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()));

		assert!(!Patients::<T>::contains_key(&patient));
	}

	/// Whether an account is a registered patient, through the registry's read that the
	/// runtime and the other pallets use: a registered patient is the worst case (the
	/// registration and the consent epoch are both read).
	#[benchmark]
	fn is_patient() {
		let patient = registered::<T>();
		let answer;

		#[block]
		{
			answer = <Pallet<T> as PatientRegistry<T::AccountId, BlockNumberFor<T>>>::is_patient(
				&patient,
			);
		}

		assert!(answer);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
