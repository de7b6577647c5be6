//! A test runtime: system, balances, the real patient registry and the consent pallet, on the
//! test chain of `medledger-pallet-testing` (its accounts, balances, provider registry that tests
//! can change, and patient genesis).

use crate as pallet_consent;
use frame_support::{parameter_types, traits::ConstU64};
use medledger_primitives::{CategorySet, RecordCategory};

pub use medledger_pallet_testing::{
	AccountId, Balance, TestProviders, CLINIC, DOCTOR, ENDOWMENT, GUARDIAN, INSURER, NURSE,
	OTHER_CLINIC, OTHER_DOCTOR, OTHER_PATIENT, PATIENT, STRANGER, VIEWER,
};

pub const INQUIRY_DEPOSIT: Balance = 20;
/// The most live grants a patient makes.
pub const MAX_LIVE_GRANTS: u32 = 4;
/// The most inquiries pending for a patient.
pub const MAX_PENDING: u32 = 3;
/// The most inquiries one requester has pending for one patient: fewer than the patient's.
pub const MAX_PENDING_PER_REQUESTER: u32 = 2;
/// The most requesters a patient blocks.
pub const MAX_BLOCKED: u32 = 2;
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

medledger_pallet_testing::impl_consent_benchmark_helper!(crate::BenchmarkHelper);

/// Patients PATIENT and OTHER_PATIENT registered; GUARDIAN manages PATIENT's consent and
/// VIEWER may view PATIENT's records; CLINIC and OTHER_CLINIC active
/// ([`medledger_pallet_testing::patient_genesis!`]).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext = medledger_pallet_testing::new_test_ext::<Test>();
	ext.execute_with(|| medledger_pallet_testing::patient_genesis!(Test));
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant of consent (those of the patient
/// registry are its own tests' to check, and the runtime's under `try-runtime`).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Consent::do_try_state().expect("consent invariants hold after the test");
	});
}
