//! A test runtime: system, balances and the patient registry, on the test chain of
//! `medledger-pallet-testing` (its accounts, balances and provider registry). No patient is
//! registered at the start: the tests register the ones they need.

use crate as pallet_patients;
use frame_support::{parameter_types, traits::ConstU64};
use frame_system::EnsureRoot;
use medledger_pallet_testing::TestProviders;
use sp_runtime::testing::{TestSignature, UintAuthorityId};

pub use medledger_pallet_testing::{
	AccountId, Balance, CLINIC, GUARDIAN, NURSE, PATIENT, PAUPER, STRANGER, SUSPENDED_CLINIC,
};

pub const DEPOSIT: Balance = 50;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Patients: pallet_patients,
	}
);

medledger_pallet_testing::impl_system_and_balances!(Test);

parameter_types! {
	pub static MaxRepresentatives: u32 = 2;
}

impl pallet_patients::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Signature = TestSignature;
	type Signer = UintAuthorityId;
	type Providers = TestProviders;
	type LawOrigin = EnsureRoot<AccountId>;
	type PatientDeposit = ConstU64<DEPOSIT>;
	type MaxRepresentatives = MaxRepresentatives;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

medledger_pallet_testing::impl_test_signer!();

/// A fresh chain: the test accounts funded, the providers in place, no patient yet.
pub fn new_test_ext() -> sp_io::TestExternalities {
	medledger_pallet_testing::new_test_ext::<Test>()
}

/// Runs `test` on a fresh chain, then checks every invariant of the registry.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Patients::do_try_state().expect("invariants hold after the test");
	});
}
