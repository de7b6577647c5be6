//! The medical domain: patients, consent, and records.

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
};
use medledger_primitives::{CategorySet, RecordCategory};
use sp_runtime::traits::Verify;

use super::governance::TwoThirdsOfCouncil;
use crate::{
	Balances, BlockNumber, Consent, Patients, Providers, Runtime, RuntimeHoldReason, Signature,
	DAYS, MILLI_UNIT, UNIT,
};

parameter_types! {
	/// What break-glass access opens: what an emergency department needs to treat safely.
	pub EmergencyCategories: CategorySet = CategorySet::of(&[
		RecordCategory::Allergies,
		RecordCategory::Medications,
		RecordCategory::Conditions,
		RecordCategory::VitalSigns,
		RecordCategory::Immunizations,
	]);
	pub const InquiryLifetime: BlockNumber = 7 * DAYS;
	pub const EmergencyAccessDuration: BlockNumber = DAYS;
	pub const EmergencyWindow: BlockNumber = DAYS;
	pub const FeelessWindow: BlockNumber = DAYS;
}

impl pallet_patients::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Signature = Signature;
	type Signer = <Signature as Verify>::Signer;
	type Providers = Providers;
	type LawOrigin = TwoThirdsOfCouncil;
	/// One MED: the patient's record, the epoch kept after closing, and 8 representatives.
	type PatientDeposit = ConstU128<UNIT>;
	type MaxRepresentatives = ConstU32<8>;
	type WeightInfo = pallet_patients::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::MedicalBenchmarks;
}

impl pallet_consent::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Patients = Patients;
	type Providers = Providers;
	/// A tenth of a MED: the inquiry's record with a note of up to 1 KiB.
	type InquiryDeposit = ConstU128<{ 100 * MILLI_UNIT }>;
	type MaxGrantsPerGrantee = ConstU32<16>;
	/// Grants cost no deposit: this bounds one patient's index (and the grants the runtime API
	/// lists) at 256 live grants made by consent, far beyond any real patient's clinics,
	/// insurers and family.
	type MaxLiveGrants = ConstU32<256>;
	type MaxPendingInquiries = ConstU32<32>;
	/// One requester may take at most 3 of a patient's 32 pending places.
	type MaxPendingInquiriesPerRequester = ConstU32<3>;
	/// A storage bound per patient, far beyond the requesters anyone needs to shut out.
	type MaxBlockedRequesters = ConstU32<256>;
	type MaxNoteLength = ConstU32<1024>;
	type InquiryLifetime = InquiryLifetime;
	type EmergencyAccessDuration = EmergencyAccessDuration;
	type EmergencyCategories = EmergencyCategories;
	type MaxEmergencyAccessesPerWindow = ConstU32<10>;
	/// A clinic's staff together: a busy emergency department, not a way around the limit.
	type MaxEmergencyAccessesPerProviderPerWindow = ConstU32<100>;
	type EmergencyWindow = EmergencyWindow;
	/// A patient (with their representatives) makes 20 consent calls a day without fees.
	type MaxFeelessCallsPerWindow = ConstU32<20>;
	type FeelessWindow = FeelessWindow;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::MedicalBenchmarks;
}

impl pallet_records::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Patients = Patients;
	type Providers = Providers;
	type Consent = Consent;
	/// A hundredth of a MED: the entry with up to 512 bytes of sealed metadata.
	type DocumentSetDeposit = ConstU128<{ 10 * MILLI_UNIT }>;
	type MaxMetadataLength = ConstU32<512>;
	type MaxDisclosuresPerReport = ConstU32<64>;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::MedicalBenchmarks;
}

/// Patients who can sign and practitioners of a genesis provider, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarks {
	use crate::{AccountId, Providers, Runtime, RuntimeOrigin, Signature};
	use medledger_primitives::EncryptionKey;
	use sp_core::{crypto::KeyTypeId, sr25519};

	const KEY_TYPE: KeyTypeId = KeyTypeId(*b"bnch");

	/// Implements the benchmark helpers of the medical pallets.
	pub struct MedicalBenchmarks;

	fn first_provider() -> Option<AccountId> {
		pallet_providers::ActiveProviders::<Runtime>::get().first().cloned()
	}

	impl pallet_patients::BenchmarkHelper<AccountId, Signature> for MedicalBenchmarks {
		fn patient() -> AccountId {
			sp_io::crypto::sr25519_generate(KEY_TYPE, None).into()
		}

		fn sign(patient: &AccountId, message: &[u8]) -> Signature {
			let public = sr25519::Public::from_raw(*AsRef::<[u8; 32]>::as_ref(patient));
			let signature = sp_io::crypto::sr25519_sign(KEY_TYPE, &public, message)
				.unwrap_or_else(|| panic!("the benchmark key is in the keystore"));
			Signature::Sr25519(signature)
		}

		fn sponsor() -> Option<AccountId> {
			first_provider()
		}
	}

	impl pallet_records::BenchmarkHelper<AccountId> for MedicalBenchmarks {
		fn patient(index: u32) -> AccountId {
			use frame_support::traits::fungible::Mutate;
			let patient: AccountId = frame_benchmarking::account("patient", index, 1);
			let _ = crate::Balances::set_balance(&patient, 1_000 * crate::UNIT);
			<Self as pallet_consent::BenchmarkHelper<AccountId>>::register_patient(&patient);
			patient
		}

		fn setup() -> (AccountId, AccountId) {
			use frame_support::traits::fungible::Mutate;
			let patient: AccountId = frame_benchmarking::account("patient", 0, 0);
			let practitioner = <Self as pallet_consent::BenchmarkHelper<AccountId>>::practitioner();
			for who in [&patient, &practitioner] {
				let _ = crate::Balances::set_balance(who, 1_000 * crate::UNIT);
			}
			<Self as pallet_consent::BenchmarkHelper<AccountId>>::register_patient(&patient);
			(patient, practitioner)
		}

		fn grant(patient: &AccountId, grantee: &AccountId) -> medledger_primitives::GrantId {
			use medledger_primitives::{AccessLevel, CategorySet, Purpose, RecordCategory};
			let id = pallet_consent::NextGrantId::<Runtime>::get();
			let granted = pallet_consent::Pallet::<Runtime>::grant(
				RuntimeOrigin::signed(patient.clone()),
				patient.clone(),
				grantee.clone(),
				CategorySet::of(&[RecordCategory::LabResults]),
				CategorySet::empty(),
				Purpose::Treatment,
				AccessLevel::Read,
				None,
				None,
			);
			assert!(granted.is_ok(), "the patient grants");
			id
		}
	}

	impl pallet_consent::BenchmarkHelper<AccountId> for MedicalBenchmarks {
		fn register_patient(who: &AccountId) {
			let registered = pallet_patients::Pallet::<Runtime>::register(
				RuntimeOrigin::signed(who.clone()),
				EncryptionKey([7; 32]),
			);
			assert!(registered.is_ok(), "a funded account registers as a patient");
		}

		fn practitioner() -> AccountId {
			let practitioner: AccountId = frame_benchmarking::account("practitioner", 0, 0);
			if let Some(provider) = first_provider() {
				let _ = Providers::offer_employment(
					RuntimeOrigin::signed(provider.clone()),
					practitioner.clone(),
				);
				let _ = Providers::accept_employment(
					RuntimeOrigin::signed(practitioner.clone()),
					provider,
				);
			}
			practitioner
		}

		fn appoint_manager(patient: &AccountId, representative: &AccountId) {
			let appointed = pallet_patients::Pallet::<Runtime>::appoint_representative(
				RuntimeOrigin::signed(patient.clone()),
				representative.clone(),
				medledger_primitives::RepresentativeScope::ManageConsent,
				sp_core::H256::zero(),
				None,
			);
			assert!(appointed.is_ok(), "a patient appoints a representative");
		}
	}
}
