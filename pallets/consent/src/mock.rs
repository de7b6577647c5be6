//! A test runtime: system, balances, the real patient registry and the consent pallet, with a
//! provider registry that tests can change.

use crate as pallet_consent;
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
pub const NURSE: AccountId = 12;
pub const OTHER_CLINIC: AccountId = 20;
pub const OTHER_DOCTOR: AccountId = 21;

pub const INQUIRY_DEPOSIT: Balance = 20;
/// The most live grants a patient makes.
pub const MAX_LIVE_GRANTS: u32 = 4;
/// The most inquiries pending for a patient.
pub const MAX_PENDING: u32 = 3;
/// The most inquiries one requester has pending for one patient: fewer than the patient's.
pub const MAX_PENDING_PER_REQUESTER: u32 = 2;
/// The most requesters a patient blocks.
pub const MAX_BLOCKED: u32 = 2;
pub const ENDOWMENT: Balance = 1_000;
pub const LIFETIME: u64 = 100;
pub const EMERGENCY_DURATION: u64 = 50;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Patients: pallet_patients,
		Consent: pallet_consent,
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
	static EMPLOYERS: RefCell<Vec<(AccountId, AccountId)>> = const { RefCell::new(Vec::new()) };
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

	/// Employ `practitioner` at `provider`, or dismiss them with `None`.
	pub fn set_employer(practitioner: AccountId, provider: Option<AccountId>) {
		EMPLOYERS.with(|e| {
			let mut e = e.borrow_mut();
			e.retain(|(p, _)| *p != practitioner);
			if let Some(provider) = provider {
				e.push((practitioner, provider));
			}
		});
	}
}

impl ProviderRegistry<AccountId> for TestProviders {
	fn status(who: &AccountId) -> Option<ProviderStatus> {
		PROVIDERS.with(|p| p.borrow().iter().find(|(a, _)| a == who).map(|(_, s)| *s))
	}

	fn employer(practitioner: &AccountId) -> Option<AccountId> {
		EMPLOYERS.with(|e| e.borrow().iter().find(|(p, _)| p == practitioner).map(|(_, e)| *e))
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
	type MaxLiveGrants = frame_support::traits::ConstU32<MAX_LIVE_GRANTS>;
	type MaxPendingInquiries = frame_support::traits::ConstU32<MAX_PENDING>;
	type MaxPendingInquiriesPerRequester =
		frame_support::traits::ConstU32<MAX_PENDING_PER_REQUESTER>;
	type MaxBlockedRequesters = frame_support::traits::ConstU32<MAX_BLOCKED>;
	type MaxNoteLength = frame_support::traits::ConstU32<16>;
	type InquiryLifetime = ConstU64<LIFETIME>;
	type EmergencyAccessDuration = ConstU64<EMERGENCY_DURATION>;
	type EmergencyCategories = EmergencyCategories;
	type MaxEmergencyAccessesPerWindow = frame_support::traits::ConstU32<2>;
	type MaxEmergencyAccessesPerProviderPerWindow = frame_support::traits::ConstU32<3>;
	type EmergencyWindow = ConstU64<100>;
	type MaxFeelessCallsPerWindow = frame_support::traits::ConstU32<3>;
	type FeelessWindow = ConstU64<10>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for TestSigner {
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

/// Patients PATIENT and OTHER_PATIENT registered; GUARDIAN manages PATIENT's consent and
/// VIEWER may view PATIENT's records; CLINIC and OTHER_CLINIC active.
pub fn new_test_ext() -> sp_io::TestExternalities {
	PROVIDERS.with(|p| {
		*p.borrow_mut() =
			vec![(CLINIC, ProviderStatus::Active), (OTHER_CLINIC, ProviderStatus::Active)]
	});
	EMPLOYERS.with(|e| {
		*e.borrow_mut() = vec![(DOCTOR, CLINIC), (NURSE, CLINIC), (OTHER_DOCTOR, OTHER_CLINIC)]
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

/// Runs `test` on a fresh chain, then checks every invariant of consent, and of patients when
/// the tests run with `try-runtime` (another crate's checks are built only for it).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Consent::do_try_state().expect("consent invariants hold after the test");
		#[cfg(feature = "try-runtime")]
		Patients::do_try_state().expect("patient invariants hold after the test");
	});
}
