//! Benchmarks of approving code, withdrawing an approval, and the check before an upload
//! (hashing the code and reading its approval; storing it is the code store's own weight).

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let origin =
			T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let code_hash = T::CodeStore::hash_of(b"study protocol");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		assert!(Pallet::<T>::is_approved(&code_hash));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let origin =
			T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let code_hash = T::CodeStore::hash_of(b"study protocol");
		Approved::<T>::insert(code_hash, frame_system::Pallet::<T>::block_number());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		assert!(!Pallet::<T>::is_approved(&code_hash));
		Ok(())
	}

	/// `c`: the code's length in bytes.
	#[benchmark]
	fn upload_check(c: Linear<0, { T::MaxCodeLen::get() }>) {
		let code = vec![7u8; c as usize];
		let approved = T::CodeStore::hash_of(&code);
		Approved::<T>::insert(approved, frame_system::Pallet::<T>::block_number());
		let found;

		#[block]
		{
			let code_hash = T::CodeStore::hash_of(&code);
			found = Approved::<T>::contains_key(code_hash);
		}

		assert!(found);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
