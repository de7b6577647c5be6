//! A test runtime: system, balances and the provider registry, with a council and session keys
//! that tests can inspect.

use crate as pallet_providers;
use alloc::vec::Vec;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ChangeMembers, ConstU32, ConstU64, InitializeMembers, SortedMembers},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

pub type AccountId = u64;
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;

/// Founding providers of the test chain.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// Accounts with funds and no role.
pub const CLINIC: AccountId = 10;
/// Blocks an offer of employment stands.
pub const OFFER_LIFETIME: u64 = 10;
pub const OTHER_CLINIC: AccountId = 11;
pub const NURSE: AccountId = 20;
pub const DOCTOR: AccountId = 21;
/// An account with no funds at all.
pub const PAUPER: AccountId = 99;

pub const DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 1;
pub const ENDOWMENT: Balance = 10_000;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Providers: pallet_providers,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
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
	static COUNCIL: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	static SESSION_KEYS: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// A council that records its members, as `pallet_collective` would.
pub struct TestCouncil;

impl ChangeMembers<AccountId> for TestCouncil {
	fn change_members_sorted(_incoming: &[AccountId], _outgoing: &[AccountId], new: &[AccountId]) {
		COUNCIL.with(|c| *c.borrow_mut() = new.to_vec());
	}
}

impl InitializeMembers<AccountId> for TestCouncil {
	fn initialize_members(members: &[AccountId]) {
		COUNCIL.with(|c| *c.borrow_mut() = members.to_vec());
	}
}

impl SortedMembers<AccountId> for TestCouncil {
	fn sorted_members() -> Vec<AccountId> {
		COUNCIL.with(|c| c.borrow().clone())
	}
}

/// Session keys as `pallet_session` would know them.
pub struct TestSessionKeys;

impl TestSessionKeys {
	pub fn set(who: AccountId) {
		SESSION_KEYS.with(|k| k.borrow_mut().push(who));
	}
}

impl frame_support::traits::ValidatorRegistration<AccountId> for TestSessionKeys {
	fn is_registered(id: &AccountId) -> bool {
		SESSION_KEYS.with(|k| k.borrow().contains(id))
	}
}

parameter_types! {
	pub static MaxProviders: u32 = 4;
}

impl pallet_providers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Council = TestCouncil;
	type ValidatorRegistration = TestSessionKeys;
	type ProviderDepositBase = ConstU64<DEPOSIT_BASE>;
	type ProviderDepositPerByte = ConstU64<DEPOSIT_PER_BYTE>;
	type MaxProviders = MaxProviders;
	type MaxPractitioners = ConstU32<3>;
	type EmploymentOfferLifetime = ConstU64<{ OFFER_LIFETIME }>;
	type MaxNameLength = ConstU32<32>;
	type MaxEndpointLength = ConstU32<48>;
	type MaxPreviousKeys = ConstU32<2>;
	type WeightInfo = ();
}

/// A chain with two founding providers, Alice and Bob, and funded accounts.
pub fn new_test_ext() -> sp_io::TestExternalities {
	COUNCIL.with(|c| c.borrow_mut().clear());
	SESSION_KEYS.with(|k| k.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CLINIC, OTHER_CLINIC, NURSE, DOCTOR]
			.into_iter()
			.map(|who| (who, ENDOWMENT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_providers::GenesisConfig::<Test> {
		providers: [ALICE, BOB]
			.into_iter()
			.map(|who| {
				(who, b"Founder".to_vec(), b"https://founder.example".to_vec(), [who as u8; 32])
			})
			.collect(),
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
		Providers::do_try_state().expect("invariants hold after the test");
	});
}
