//! A test runtime: system, balances and the patient registry, with a provider registry that
//! tests set up.

use crate as pallet_patients;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use frame_system::EnsureRoot;
use medledger_primitives::{ProviderRegistry, ProviderStatus};
use sp_runtime::{testing::TestSignature, traits::IdentityLookup, BuildStorage};

pub type AccountId = u64;
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;

pub const PATIENT: AccountId = 1;
pub const OTHER_PATIENT: AccountId = 2;
pub const GUARDIAN: AccountId = 3;
pub const STRANGER: AccountId = 4;
pub const CLINIC: AccountId = 10;
pub const NURSE: AccountId = 11;
pub const SUSPENDED_CLINIC: AccountId = 12;
/// No funds at all.
pub const PAUPER: AccountId = 99;

pub const DEPOSIT: Balance = 50;
pub const ENDOWMENT: Balance = 1_000;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Patients: pallet_patients,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU64<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	static PROVIDERS: RefCell<Vec<(AccountId, ProviderStatus)>> = const { RefCell::new(Vec::new()) };
}

/// CLINIC is active with NURSE on staff; SUSPENDED_CLINIC is suspended.
pub struct TestProviders;

impl ProviderRegistry<AccountId> for TestProviders {
	fn status(who: &AccountId) -> Option<ProviderStatus> {
		PROVIDERS.with(|p| p.borrow().iter().find(|(a, _)| a == who).map(|(_, s)| *s))
	}

	fn employer(practitioner: &AccountId) -> Option<AccountId> {
		(*practitioner == NURSE).then_some(CLINIC)
	}
}

parameter_types! {
	pub static MaxRepresentatives: u32 = 2;
}

impl pallet_patients::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Signature = TestSignature;
	type Signer = sp_runtime::testing::UintAuthorityId;
	type Providers = TestProviders;
	type LawOrigin = EnsureRoot<AccountId>;
	type PatientDeposit = ConstU64<DEPOSIT>;
	type MaxRepresentatives = MaxRepresentatives;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

/// Signs with `TestSignature`, whose signer is the account itself.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestSigner;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, TestSignature> for TestSigner {
	fn patient() -> AccountId {
		PATIENT
	}

	fn sign(patient: &AccountId, message: &[u8]) -> TestSignature {
		TestSignature(*patient, message.to_vec())
	}

	fn sponsor() -> Option<AccountId> {
		Some(CLINIC)
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	PROVIDERS.with(|p| {
		*p.borrow_mut() =
			vec![(CLINIC, ProviderStatus::Active), (SUSPENDED_CLINIC, ProviderStatus::Suspended)]
	});
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [PATIENT, OTHER_PATIENT, GUARDIAN, STRANGER, CLINIC, NURSE, SUSPENDED_CLINIC]
			.into_iter()
			.map(|who| (who, ENDOWMENT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant of the registry.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Patients::do_try_state().expect("invariants hold after the test");
	});
}
