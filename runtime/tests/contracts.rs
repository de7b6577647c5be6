//! The contracts of `contracts/`, built by `cargo contract` (`scripts/contracts.sh`), deployed
//! on the real runtime and called through `bare_instantiate`/`bare_call`: the consent chain
//! extension answers them from the chain's own state. Uploading code needs the council.

mod common;

use codec::{Decode, Encode};
use common::{council_motion, local_testnet};
use frame_support::{assert_noop, assert_ok, weights::Weight};
use medledger_primitives::{
	AccessLevel, CategorySet, Denial, EncryptionKey, GrantId, LabelSet, Purpose, RecordCategory,
	RecordId,
};
use medledger_runtime::{
	AccountId, Balance, Balances, CodeApproval, Consent, Contracts, Hash, Patients, Records,
	Runtime, RuntimeCall, RuntimeOrigin, System, EXISTENTIAL_DEPOSIT, UNIT,
};
use pallet_contracts::{CollectEvents, DebugInfo, Determinism, ExecReturnValue};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Eve, Ferdie};
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// A contract built by `cargo contract`: its code and its metadata.
struct Built {
	wasm: Vec<u8>,
	metadata: serde_json::Value,
}

impl Built {
	/// The artifacts of contract `name` (e.g. `research_study`) under
	/// `$MEDLEDGER_CONTRACTS_TARGET/ink/`.
	fn load(name: &str) -> Self {
		let target = std::env::var("MEDLEDGER_CONTRACTS_TARGET").unwrap_or_else(|_| {
			format!(
				"{}/.cache/medledger/contracts-target",
				std::env::var("HOME").unwrap_or_default()
			)
		});
		let dir = std::path::Path::new(&target).join("ink").join(name);
		let read = |ext: &str| {
			let path = dir.join(format!("{name}.{ext}"));
			std::fs::read(&path).unwrap_or_else(|e| {
				panic!("{}: {e}; build the contracts first: scripts/contracts.sh", path.display())
			})
		};
		let metadata = serde_json::from_slice(&read("json")).expect("contract metadata is JSON");
		Self { wasm: read("wasm"), metadata }
	}

	fn code_hash(&self) -> Hash {
		BlakeTwo256::hash(&self.wasm)
	}

	/// The selector of the constructor or message labelled `label`, from the metadata.
	fn selector(&self, label: &str) -> [u8; 4] {
		let spec = &self.metadata["spec"];
		let found = ["constructors", "messages"]
			.iter()
			.flat_map(|kind| spec[kind].as_array().cloned().unwrap_or_default())
			.find(|entry| entry["label"] == label)
			.unwrap_or_else(|| panic!("no constructor or message {label} in the metadata"));
		let hex = found["selector"].as_str().expect("a selector");
		let bytes = sp_core::bytes::from_hex(hex).expect("a hex selector");
		bytes.try_into().expect("four bytes")
	}

	/// The call data of `label` with `args`, SCALE-encoded.
	fn input(&self, label: &str, args: impl Encode) -> Vec<u8> {
		let mut data = self.selector(label).to_vec();
		args.encode_to(&mut data);
		data
	}
}

const GAS: Weight = Weight::from_parts(100_000_000_000, 3 * 1024 * 1024);

fn account(key: sp_keyring::Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

fn fund(who: &AccountId) {
	assert_ok!(Balances::force_set_balance(
		RuntimeOrigin::root(),
		who.clone().into(),
		1_000 * UNIT
	));
}

/// The council approves `contract`'s code and `uploader` uploads it.
fn approve_and_upload(contract: &Built, uploader: &AccountId) {
	council_motion(RuntimeCall::CodeApproval(pallet_code_approval::Call::approve {
		code_hash: contract.code_hash(),
	}));
	assert_ok!(CodeApproval::upload(
		RuntimeOrigin::signed(uploader.clone()),
		contract.wasm.clone(),
		None
	));
}

fn instantiate(contract: &Built, by: &AccountId, value: Balance, input: Vec<u8>) -> AccountId {
	let result = Contracts::bare_instantiate(
		by.clone(),
		value,
		GAS,
		None,
		pallet_contracts::Code::Existing(contract.code_hash()),
		input,
		vec![],
		DebugInfo::UnsafeDebug,
		CollectEvents::Skip,
	);
	let debug = String::from_utf8_lossy(&result.debug_message).into_owned();
	let done = result.result.unwrap_or_else(|e| panic!("instantiation failed: {e:?} {debug}"));
	assert!(!done.result.did_revert(), "the constructor reverted: {debug}");
	done.account_id
}

/// Calls `contract` at `address` as `by`; the message's output after ink!'s `Ok` of
/// `LangError`, and whether it reverted.
fn call(by: &AccountId, address: &AccountId, input: Vec<u8>) -> (Vec<u8>, bool) {
	let (output, reverted, _) = call_paying(by, address, input);
	(output, reverted)
}

/// As [`call`], with the storage deposit the caller paid for what the call stored.
fn call_paying(by: &AccountId, address: &AccountId, input: Vec<u8>) -> (Vec<u8>, bool, Balance) {
	let result = Contracts::bare_call(
		by.clone(),
		address.clone(),
		0,
		GAS,
		None,
		input,
		DebugInfo::UnsafeDebug,
		CollectEvents::Skip,
		Determinism::Enforced,
	);
	let debug = String::from_utf8_lossy(&result.debug_message).into_owned();
	let value: ExecReturnValue =
		result.result.unwrap_or_else(|e| panic!("the call trapped: {e:?} {debug}"));
	assert_eq!(value.data.first(), Some(&0), "ink! refused the call itself: {value:?} {debug}");
	let deposit = match result.storage_deposit {
		pallet_contracts::StorageDeposit::Charge(amount) => amount,
		pallet_contracts::StorageDeposit::Refund(_) => 0,
	};
	(value.data[1..].to_vec(), value.did_revert(), deposit)
}

fn register_patient(who: &AccountId) {
	fund(who);
	assert_ok!(Patients::register(RuntimeOrigin::signed(who.clone()), EncryptionKey([7; 32])));
}

fn grant(
	patient: &AccountId,
	grantee: &AccountId,
	categories: &[RecordCategory],
	purpose: Purpose,
) -> GrantId {
	let id = pallet_consent::NextGrantId::<Runtime>::get();
	assert_ok!(Consent::grant(
		RuntimeOrigin::signed(patient.clone()),
		patient.clone(),
		grantee.clone(),
		CategorySet::of(categories),
		CategorySet::empty(),
		purpose,
		AccessLevel::Read,
		None,
		None,
	));
	id
}

fn free(who: &AccountId) -> Balance {
	Balances::free_balance(who)
}

/// The research study's errors, as the contract encodes them (`StudyError`).
#[derive(Decode, Debug, PartialEq)]
enum StudyError {
	PastDeadline,
	Closed,
	AlreadyEnrolled,
	Full,
	NotAPatient,
	NoConsent(Denial),
	NotEligible,
	BudgetExhausted,
	NotResearcher,
	NotParticipant,
	NotActive,
	AlreadyPaid,
	DeadlineNotReached,
	TransferFailed,
}

/// The study's answer to a follow-up (`FollowUp`).
#[derive(Decode, Debug, PartialEq)]
enum FollowUp {
	Paid(Balance),
	Ended(Denial),
}

const REWARD: Balance = 2 * UNIT;
const FOLLOW_UP: Balance = UNIT;
const DEADLINE: u32 = 50;

/// Bob, a researcher, opens a study of lab results with 100 MED; returns its address.
fn open_study(study: &Built) -> AccountId {
	let researcher = account(Bob);
	let input = study.input(
		"new",
		(
			CategorySet::of(&[RecordCategory::LabResults]),
			REWARD,
			FOLLOW_UP,
			10u32,
			DEADLINE,
			Hash::repeat_byte(0xaa),
			CategorySet::empty(),
		),
	);
	instantiate(study, &researcher, 100 * UNIT, input)
}

#[test]
fn code_reaches_the_chain_only_with_the_councils_approval() {
	let study = Built::load("research_study");
	local_testnet().execute_with(|| {
		let researcher = account(Bob);
		assert_noop!(
			Contracts::upload_code(
				RuntimeOrigin::signed(researcher.clone()),
				study.wasm.clone(),
				None,
				Determinism::Enforced
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			CodeApproval::upload(
				RuntimeOrigin::signed(researcher.clone()),
				study.wasm.clone(),
				None
			),
			pallet_code_approval::Error::<Runtime>::NotApproved
		);
		let instantiate_with_code = Contracts::instantiate_with_code(
			RuntimeOrigin::signed(researcher.clone()),
			0,
			GAS,
			None,
			study.wasm.clone(),
			vec![],
			vec![],
		);
		assert!(instantiate_with_code.is_err(), "instantiate_with_code must be refused");
		// One council member alone cannot approve.
		assert!(CodeApproval::approve(RuntimeOrigin::signed(account(Alice)), study.code_hash())
			.is_err());

		approve_and_upload(&study, &researcher);
		// Anyone may instantiate approved code.
		let address = open_study(&study);
		assert_eq!(Contracts::code_hash(&address), Some(study.code_hash()));
		assert!(free(&address) >= 100 * UNIT, "the budget is the contract's");
	});
}

#[test]
fn a_patient_with_consent_enrolls_and_is_paid_and_revocation_ends_the_participation() {
	let study = Built::load("research_study");
	local_testnet().execute_with(|| {
		approve_and_upload(&study, &account(Bob));
		let address = open_study(&study);
		let patient = account(Eve);
		register_patient(&patient);

		// Without consent: refused with the chain's reason, and nothing paid.
		let before = free(&patient);
		let (output, reverted) = call(&patient, &address, study.input("enroll", None::<RecordId>));
		assert!(reverted);
		assert_eq!(
			Result::<(), StudyError>::decode(&mut &output[..]).expect("a study result"),
			Err(StudyError::NoConsent(Denial::NoGrant))
		);
		assert_eq!(free(&patient), before, "nothing paid for a refused enrolment");
		// Consent for another purpose is not consent to research.
		grant(&patient, &address, &[RecordCategory::LabResults], Purpose::Treatment);
		let before = free(&patient);
		let (output, _) = call(&patient, &address, study.input("enroll", None::<RecordId>));
		assert_eq!(
			Result::<(), StudyError>::decode(&mut &output[..]).expect("a study result"),
			Err(StudyError::NoConsent(Denial::WrongPurpose))
		);
		assert_eq!(free(&patient), before, "nothing paid for a refused enrolment");

		// The patient grants the study's account research access to lab results: enrolled, paid.
		let research = grant(&patient, &address, &[RecordCategory::LabResults], Purpose::Research);
		let (output, reverted, deposit) =
			call_paying(&patient, &address, study.input("enroll", None::<RecordId>));
		assert!(!reverted, "{output:?}");
		assert_eq!(Result::<(), StudyError>::decode(&mut &output[..]).expect("a result"), Ok(()));
		// The patient holds the storage deposit of its entry in the study's roster.
		assert!(deposit > 0);
		assert_eq!(free(&patient), before + REWARD - deposit);
		// Once only.
		let (output, _) = call(&patient, &address, study.input("enroll", None::<RecordId>));
		assert_eq!(
			Result::<(), StudyError>::decode(&mut &output[..]).expect("a result"),
			Err(StudyError::AlreadyEnrolled)
		);

		// Consent still in force: `check` says so, a follow-up pays.
		let (output, _) = call(&account(Ferdie), &address, study.input("check", patient.clone()));
		assert_eq!(bool::decode(&mut &output[..]).expect("a bool"), true);

		// Revoked: `check` (by anyone) ends the participation; the follow-up pays nothing.
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(patient.clone()), research));
		System::set_block_number(System::block_number() + 1);
		let (output, reverted) =
			call(&account(Ferdie), &address, study.input("check", patient.clone()));
		assert!(!reverted);
		assert_eq!(bool::decode(&mut &output[..]).expect("a bool"), false);
		let before = free(&patient);
		let (output, _) = call(&account(Bob), &address, study.input("follow_up", patient.clone()));
		assert_eq!(
			Result::<FollowUp, StudyError>::decode(&mut &output[..]).expect("a result"),
			Err(StudyError::NotActive)
		);
		assert_eq!(free(&patient), before);
	});
}

#[test]
fn a_follow_up_rechecks_consent_and_the_researcher_takes_back_the_rest_after_the_deadline() {
	let study = Built::load("research_study");
	local_testnet().execute_with(|| {
		approve_and_upload(&study, &account(Bob));
		let address = open_study(&study);
		let (stays, leaves) = (account(Eve), account(Ferdie));
		for patient in [&stays, &leaves] {
			register_patient(patient);
			grant(patient, &address, &[RecordCategory::LabResults], Purpose::Research);
			let (_, reverted) = call(patient, &address, study.input("enroll", None::<RecordId>));
			assert!(!reverted);
		}
		// Ferdie withdraws everything by closing consent: its grant is revoked.
		let grants = Consent::grants(&leaves);
		for (id, _) in grants {
			assert_ok!(Consent::revoke(RuntimeOrigin::signed(leaves.clone()), id));
		}
		System::set_block_number(System::block_number() + 1);

		let researcher = account(Bob);
		let before = free(&stays);
		let (output, _) = call(&researcher, &address, study.input("follow_up", stays.clone()));
		assert_eq!(
			Result::<FollowUp, StudyError>::decode(&mut &output[..]).expect("a result"),
			Ok(FollowUp::Paid(FOLLOW_UP))
		);
		assert_eq!(free(&stays), before + FOLLOW_UP);
		let before = free(&leaves);
		let (output, reverted) =
			call(&researcher, &address, study.input("follow_up", leaves.clone()));
		assert!(!reverted, "ending a participation is kept");
		assert_eq!(
			Result::<FollowUp, StudyError>::decode(&mut &output[..]).expect("a result"),
			// A revoked grant leaves the decision's index: the chain answers "no grant".
			Ok(FollowUp::Ended(Denial::NoGrant))
		);
		assert_eq!(free(&leaves), before);
		// Only the researcher follows up.
		let (output, _) = call(&stays, &address, study.input("follow_up", stays.clone()));
		assert_eq!(
			Result::<FollowUp, StudyError>::decode(&mut &output[..]).expect("a result"),
			Err(StudyError::NotResearcher)
		);

		// Before the deadline the study cannot be closed; from it on, no enrolment, and the
		// researcher takes back what is left.
		let (output, _) = call(&researcher, &address, study.input("close", ()));
		assert_eq!(
			Result::<Balance, StudyError>::decode(&mut &output[..]).expect("a result"),
			Err(StudyError::DeadlineNotReached)
		);
		System::set_block_number(DEADLINE);
		let late = account(Alice);
		let (output, _) = call(&late, &address, study.input("enroll", None::<RecordId>));
		assert_eq!(
			Result::<(), StudyError>::decode(&mut &output[..]).expect("a result"),
			Err(StudyError::PastDeadline)
		);
		let before = free(&researcher);
		let (output, reverted) = call(&researcher, &address, study.input("close", ()));
		assert!(!reverted);
		let returned = Result::<Balance, StudyError>::decode(&mut &output[..])
			.expect("a result")
			.expect("closed");
		// What is left of the budget after two rewards and one follow-up, less at most the
		// existential deposit the contract's account keeps.
		let spent = 2 * REWARD + FOLLOW_UP;
		assert!(returned + EXISTENTIAL_DEPOSIT >= 100 * UNIT - spent, "{returned}");
		assert!(returned <= 100 * UNIT - spent + EXISTENTIAL_DEPOSIT, "{returned}");
		assert_eq!(free(&researcher), before + returned);
		assert!(free(&address) <= EXISTENTIAL_DEPOSIT);
	});
}

/// The insurance contract's refusals, as it encodes them (`ClaimRefusal`).
#[derive(Decode, Debug, PartialEq)]
enum ClaimRefusal {
	NotActiveProvider,
	BadRecords,
	AmountNotAllowed,
	NoSuchRecord(RecordId),
	WrongPatient(RecordId),
	NotCustodian(RecordId),
	NoConsent(RecordId, Denial),
	AlreadyClaimed(RecordId),
	PoolShort,
	NotInsurer,
	TransferFailed,
	IdsExhausted,
}

fn register_record(
	custodian: &AccountId,
	patient: &AccountId,
	category: RecordCategory,
) -> RecordId {
	let id = pallet_records::NextRecordId::<Runtime>::get();
	assert_ok!(Records::register_document_set(
		RuntimeOrigin::signed(custodian.clone()),
		patient.clone(),
		category,
		LabelSet::default(),
		sp_core::H256::repeat_byte(id.0 as u8 + 1),
		1024,
		vec![1; 16],
		None,
	));
	id
}

#[test]
fn a_claim_is_paid_when_the_patients_consent_to_the_insurer_covers_its_records() {
	let insurance = Built::load("insurance_claim");
	local_testnet().execute_with(|| {
		let insurer = account(Ferdie);
		fund(&insurer);
		approve_and_upload(&insurance, &insurer);
		let max_claim = 10 * UNIT;
		let address =
			instantiate(&insurance, &insurer, 50 * UNIT, insurance.input("new", max_claim));

		let patient = account(Eve);
		register_patient(&patient);
		let clinic = account(Alice);
		let lab = register_record(&clinic, &patient, RecordCategory::LabResults);
		let imaging = register_record(&clinic, &patient, RecordCategory::Imaging);
		let elsewhere = register_record(&account(Bob), &patient, RecordCategory::LabResults);
		let deposit = std::cell::Cell::new(0);
		let claim = |by: &AccountId, records: Vec<RecordId>, amount: Balance| {
			let (output, reverted, paid) = call_paying(
				by,
				&address,
				insurance.input("claim", (patient.clone(), records, amount)),
			);
			deposit.set(paid);
			let answer = Result::<u64, ClaimRefusal>::decode(&mut &output[..]).expect("a result");
			assert_eq!(reverted, answer.is_err());
			answer
		};

		// No consent to the insurer yet: refused with the record and the chain's reason.
		assert_eq!(
			claim(&clinic, vec![lab], UNIT),
			Err(ClaimRefusal::NoConsent(lab, Denial::NoGrant))
		);
		// Consent to the insurer for payment of lab results only.
		grant(&patient, &insurer, &[RecordCategory::LabResults], Purpose::Payment);
		assert_eq!(
			claim(&clinic, vec![lab, imaging], UNIT),
			Err(ClaimRefusal::NoConsent(imaging, Denial::NoGrant))
		);
		// Only the record's custodian claims for it, and only an active provider claims.
		assert_eq!(
			claim(&clinic, vec![elsewhere], UNIT),
			Err(ClaimRefusal::NotCustodian(elsewhere))
		);
		assert_eq!(claim(&account(Eve), vec![lab], UNIT), Err(ClaimRefusal::NotActiveProvider));
		assert_eq!(claim(&clinic, vec![lab], max_claim + 1), Err(ClaimRefusal::AmountNotAllowed));
		assert_eq!(
			claim(&clinic, vec![RecordId(999)], UNIT),
			Err(ClaimRefusal::NoSuchRecord(RecordId(999)))
		);

		let (before, pool) = (free(&clinic), free(&address));
		// Claims are numbered from 1.
		assert_eq!(claim(&clinic, vec![lab], 3 * UNIT), Ok(1));
		// The clinic holds the storage deposit of the claim it made.
		assert_eq!(free(&clinic), before + 3 * UNIT - deposit.get());
		assert_eq!(free(&address), pool - 3 * UNIT);
		// A record is paid for once.
		assert_eq!(claim(&clinic, vec![lab], UNIT), Err(ClaimRefusal::AlreadyClaimed(lab)));
	});
}

#[test]
fn an_insurer_on_a_clinics_staff_is_paid_only_with_the_patients_consent_to_the_insurer() {
	let insurance = Built::load("insurance_claim");
	local_testnet().execute_with(|| {
		let insurer = account(Ferdie);
		fund(&insurer);
		approve_and_upload(&insurance, &insurer);
		let address =
			instantiate(&insurance, &insurer, 50 * UNIT, insurance.input("new", 10 * UNIT));
		let patient = account(Eve);
		register_patient(&patient);
		let clinic = account(Alice);
		let record = register_record(&clinic, &patient, RecordCategory::LabResults);
		// The insurer works for Alice's clinic (it accepted her offer), and the clinic holds
		// Eve's payment grant: the chain lets the insurer read the record as Alice's staff.
		assert_ok!(pallet_providers::Pallet::<Runtime>::offer_employment(
			RuntimeOrigin::signed(clinic.clone()),
			insurer.clone()
		));
		assert_ok!(pallet_providers::Pallet::<Runtime>::accept_employment(
			RuntimeOrigin::signed(insurer.clone()),
			clinic.clone()
		));
		grant(&patient, &clinic, &[RecordCategory::LabResults], Purpose::Payment);
		assert!(Records::record_access(&insurer, record, Purpose::Payment, System::block_number())
			.is_allowed());

		let (before, pool) = (free(&clinic), free(&address));
		let (output, reverted) = call(
			&clinic,
			&address,
			insurance.input("claim", (patient.clone(), vec![record], UNIT)),
		);
		assert!(reverted);
		assert_eq!(
			Result::<u64, ClaimRefusal>::decode(&mut &output[..]).expect("a result"),
			Err(ClaimRefusal::NoConsent(record, Denial::NoGrant))
		);
		assert_eq!((free(&clinic), free(&address)), (before, pool));
	});
}
