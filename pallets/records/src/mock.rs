//! A test runtime: system, balances, the real patient registry and consent pallet, and the
//! records pallet, on the test chain of `medledger-pallet-testing` (its accounts, balances,
//! provider registry that tests can change, and patient genesis).

use crate as pallet_records;
use frame_support::{parameter_types, traits::ConstU64};
use medledger_primitives::{CategorySet, RecordCategory};

pub use medledger_pallet_testing::{
	AccountId, Balance, TestProviders, CLINIC, DOCTOR, GUARDIAN, INSURER, OTHER_CLINIC,
	OTHER_DOCTOR, OTHER_PATIENT, PATIENT, STRANGER, VIEWER,
};

pub const DOCUMENT_DEPOSIT: Balance = 5;
pub const INQUIRY_DEPOSIT: Balance = 20;
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

medledger_pallet_testing::impl_system_and_balances!(Test);
medledger_pallet_testing::impl_patients_config!(Test);

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

medledger_pallet_testing::impl_consent_benchmark_helper!(pallet_consent::BenchmarkHelper);

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
		Balances::set_balance(&who, medledger_pallet_testing::ENDOWMENT);
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
			Balances::set_balance(&who, medledger_pallet_testing::ENDOWMENT);
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

/// Patients PATIENT and OTHER_PATIENT registered; GUARDIAN manages PATIENT's consent and
/// VIEWER may view PATIENT's records; CLINIC and OTHER_CLINIC active
/// ([`medledger_pallet_testing::patient_genesis!`]).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = medledger_pallet_testing::new_test_ext::<Test>();
	ext.execute_with(|| medledger_pallet_testing::patient_genesis!(Test));
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant of records (those of consent and
/// the patient registry are their own tests' to check, and the runtime's under `try-runtime`).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Records::do_try_state().expect("records invariants hold after the test");
	});
}
