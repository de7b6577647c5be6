//! A test runtime: system, balances, the real patient registry and consent pallet, and the
//! records pallet, with a provider registry that tests can change.

use crate as pallet_records;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use frame_system::EnsureRoot;
use medledger_primitives::{CategorySet, ProviderRegistry, ProviderStatus, RecordCategory};
use sp_runtime::{testing::TestSignature, traits::IdentityLookup, BuildStorage};

pub type AccountId = u64;
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;

pub const PATIENT: AccountId = 1;
pub const OTHER_PATIENT: AccountId = 2;
pub const GUARDIAN: AccountId = 3;
pub const VIEWER: AccountId = 4;
pub const STRANGER: AccountId = 5;
pub const INSURER: AccountId = 6;
pub const CLINIC: AccountId = 10;
pub const DOCTOR: AccountId = 11;
pub const OTHER_CLINIC: AccountId = 20;
pub const OTHER_DOCTOR: AccountId = 21;

pub const INQUIRY_DEPOSIT: Balance = 20;
pub const ENDOWMENT: Balance = 1_000;
pub const LIFETIME: u64 = 100;
pub const EMERGENCY_DURATION: u64 = 50;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Patients: pallet_patients,
		Consent: pallet_consent,
		Records: pallet_records,
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

/// CLINIC (with DOCTOR) and OTHER_CLINIC (with OTHER_DOCTOR) are providers.
pub struct TestProviders;

impl TestProviders {
	pub fn set_status(who: AccountId, status: Option<ProviderStatus>) {
		PROVIDERS.with(|p| {
			let mut p = p.borrow_mut();
			p.retain(|(a, _)| *a != who);
			if let Some(s) = status {
				p.push((who, s));
			}
		});
	}
}

impl ProviderRegistry<AccountId> for TestProviders {
	fn status(who: &AccountId) -> Option<ProviderStatus> {
		PROVIDERS.with(|p| p.borrow().iter().find(|(a, _)| a == who).map(|(_, s)| *s))
	}

	fn employer(practitioner: &AccountId) -> Option<AccountId> {
		match *practitioner {
			DOCTOR => Some(CLINIC),
			OTHER_DOCTOR => Some(OTHER_CLINIC),
			_ => None,
		}
	}
}

impl pallet_patients::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Signature = TestSignature;
	type Signer = sp_runtime::testing::UintAuthorityId;
	type Providers = TestProviders;
	type LawOrigin = EnsureRoot<AccountId>;
	type PatientDeposit = ConstU64<10>;
	type MaxRepresentatives = frame_support::traits::ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

/// Signs with `TestSignature`, whose signer is the account itself.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestSigner;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_patients::BenchmarkHelper<AccountId, TestSignature> for TestSigner {
	fn patient() -> AccountId {
		STRANGER
	}

	fn sign(patient: &AccountId, message: &[u8]) -> TestSignature {
		TestSignature(*patient, message.to_vec())
	}

	fn sponsor() -> Option<AccountId> {
		Some(CLINIC)
	}
}

parameter_types! {
	pub EmergencyCategories: CategorySet = CategorySet::of(&[
		RecordCategory::Allergies,
		RecordCategory::Medications,
		RecordCategory::Conditions,
		RecordCategory::VitalSigns,
		RecordCategory::Immunizations,
	]);
	pub static MaxGrantsPerGrantee: u32 = 3;
}

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Patients = Patients;
	type Providers = TestProviders;
	type InquiryDeposit = ConstU64<INQUIRY_DEPOSIT>;
	type MaxGrantsPerGrantee = MaxGrantsPerGrantee;
	type MaxPendingInquiries = frame_support::traits::ConstU32<2>;
	type MaxPendingInquiriesPerRequester = frame_support::traits::ConstU32<2>;
	type MaxLiveGrants = frame_support::traits::ConstU32<32>;
	type MaxBlockedRequesters = frame_support::traits::ConstU32<2>;
	type MaxNoteLength = frame_support::traits::ConstU32<16>;
	type InquiryLifetime = ConstU64<LIFETIME>;
	type EmergencyAccessDuration = ConstU64<EMERGENCY_DURATION>;
	type EmergencyCategories = EmergencyCategories;
	type MaxEmergencyAccessesPerProviderPerWindow = frame_support::traits::ConstU32<10>;
	type MaxEmergencyAccessesPerWindow = frame_support::traits::ConstU32<2>;
	type EmergencyWindow = ConstU64<100>;
	type MaxFeelessCallsPerWindow = frame_support::traits::ConstU32<3>;
	type FeelessWindow = ConstU64<10>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_consent::BenchmarkHelper<AccountId> for TestSigner {
	fn register_patient(who: &AccountId) {
		Patients::register(
			RuntimeOrigin::signed(*who),
			medledger_primitives::EncryptionKey([7; 32]),
		)
		.expect("a funded account registers");
	}

	fn practitioner() -> AccountId {
		DOCTOR
	}
}

impl pallet_records::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Patients = Patients;
	type Providers = TestProviders;
	type Consent = Consent;
	type DocumentSetDeposit = ConstU64<DOCUMENT_DEPOSIT>;
	type MaxMetadataLength = frame_support::traits::ConstU32<64>;
	type MaxDisclosuresPerReport = frame_support::traits::ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for TestSigner {
	fn patient(index: u32) -> AccountId {
		use frame_support::traits::fungible::Mutate;
		let who = 1_000 + AccountId::from(index);
		Balances::set_balance(&who, ENDOWMENT);
		Patients::register(
			RuntimeOrigin::signed(who),
			medledger_primitives::EncryptionKey([7; 32]),
		)
		.expect("a funded account registers");
		who
	}

	fn setup() -> (AccountId, AccountId) {
		use frame_support::traits::fungible::Mutate;
		use medledger_primitives::PatientRegistry;
		// The benchmarks wipe the database between runs: set the parties up afresh.
		for who in [PATIENT, DOCTOR] {
			Balances::set_balance(&who, ENDOWMENT);
		}
		if !Patients::is_patient(&PATIENT) {
			Patients::register(
				RuntimeOrigin::signed(PATIENT),
				medledger_primitives::EncryptionKey([7; 32]),
			)
			.expect("a funded account registers");
		}
		(PATIENT, DOCTOR)
	}

	fn grant(patient: &AccountId, grantee: &AccountId) -> medledger_primitives::GrantId {
		let id = pallet_consent::NextGrantId::<Test>::get();
		Consent::grant(
			RuntimeOrigin::signed(*patient),
			*patient,
			*grantee,
			CategorySet::of(&[RecordCategory::LabResults]),
			CategorySet::empty(),
			medledger_primitives::Purpose::Treatment,
			medledger_primitives::AccessLevel::Read,
			None,
			None,
		)
		.expect("the patient grants");
		id
	}
}

pub const DOCUMENT_DEPOSIT: Balance = 5;

/// Patients PATIENT and OTHER_PATIENT registered; GUARDIAN manages PATIENT's consent and
/// VIEWER may view PATIENT's records; CLINIC and OTHER_CLINIC active.
pub fn new_test_ext() -> sp_io::TestExternalities {
	PROVIDERS.with(|p| {
		*p.borrow_mut() =
			vec![(CLINIC, ProviderStatus::Active), (OTHER_CLINIC, ProviderStatus::Active)]
	});
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [
			PATIENT,
			OTHER_PATIENT,
			GUARDIAN,
			VIEWER,
			STRANGER,
			INSURER,
			CLINIC,
			DOCTOR,
			OTHER_CLINIC,
			OTHER_DOCTOR,
		]
		.into_iter()
		.map(|who| (who, ENDOWMENT))
		.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		use medledger_primitives::{EncryptionKey, RepresentativeScope};
		use sp_core::H256;
		System::set_block_number(1);
		for who in [PATIENT, OTHER_PATIENT] {
			Patients::register(RuntimeOrigin::signed(who), EncryptionKey([who as u8; 32])).unwrap();
		}
		for (rep, scope) in [
			(GUARDIAN, RepresentativeScope::ManageConsent),
			(VIEWER, RepresentativeScope::ViewRecords),
		] {
			Patients::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				rep,
				scope,
				H256::zero(),
				None,
			)
			.unwrap();
		}
		System::reset_events();
	});
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant of records, and of consent and
/// patients when the tests run with `try-runtime` (another crate's checks are built only for
/// it).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Records::do_try_state().expect("records invariants hold after the test");
		#[cfg(feature = "try-runtime")]
		Consent::do_try_state().expect("consent invariants hold after the test");
		#[cfg(feature = "try-runtime")]
		Patients::do_try_state().expect("patient invariants hold after the test");
	});
}
