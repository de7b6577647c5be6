//! The consent chain extension at its edges, on the real runtime: a hand-written contract (the
//! probe, in WAT) hands the extension whatever function id and input bytes a test gives it.
//!
//! Proves that the calling contract traps, with nothing it did in that call kept (neither its
//! storage write nor a storage deposit: the state root is unchanged), when it asks
//! - for a function the extension does not have (`NoChainExtension`),
//! - for any function of an extension id other than `0x4d4c` (`NoChainExtension`),
//! - a known function with input that does not decode as the function's input type
//!   (`DecodingFailed`): too few bytes for an `AccountId`, or a `Purpose` that is none;
//!
//! and that a well-formed call returns status 0 and the answer's SCALE bytes, and keeps what
//! the contract did.
//!
//! The probe passes the extension its input where the call input left it, with the rest of
//! its input buffer (zeros) behind it: the extension must read exactly the length the contract
//! passes. (`pallet-contracts`' `read_as` decodes from the input pointer to the end of memory,
//! so 3 bytes followed by zeros would read as an account; the extension reads with
//! `read_as_unbounded(in_len)`.)

mod common;

use codec::Encode;
use common::{council_motion, local_testnet};
use frame_support::{assert_ok, weights::Weight};
use medledger_primitives::{
	AccessDecision, CategorySet, Denial, EncryptionKey, Purpose, RecordCategory,
};
use medledger_runtime::{
	AccountId, Balances, CodeApproval, Contracts, Patients, Runtime, RuntimeCall, RuntimeOrigin,
	UNIT,
};
use pallet_contracts::{CollectEvents, DebugInfo, Determinism, ExecReturnValue};
use sp_keyring::{
	Sr25519Keyring,
	Sr25519Keyring::{Alice, Bob, Eve, Ferdie},
};
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _},
	DispatchError, StateVersion,
};

/// The probe. Its call input is the 32-bit function id, little-endian, then the extension's
/// input. It writes `touched` = `yes` to its storage, calls the extension with the input where
/// it is, and returns (flags 0) the extension's status,
/// 4 bytes little-endian, followed by the extension's output.
///
/// Memory: [0, 4) the call input's capacity, then its length; [4, 8) the extension output's
/// capacity, then its length; [16, 23) the storage key, [32, 35) its value; [256, 4352) the
/// call input (the extension's input from 260 on); [8192, 8196) the extension's status,
/// [8196, 8452) its output.
const PROBE: &str = r#"
(module
	(import "seal0" "input" (func $input (param i32 i32)))
	(import "seal0" "seal_return" (func $seal_return (param i32 i32 i32)))
	(import "seal0" "call_chain_extension"
		(func $call_chain_extension (param i32 i32 i32 i32 i32) (result i32)))
	(import "seal2" "set_storage" (func $set_storage (param i32 i32 i32 i32) (result i32)))
	(import "env" "memory" (memory 1 1))

	(data (i32.const 16) "touched")
	(data (i32.const 32) "yes")

	(func (export "deploy"))

	(func (export "call")
		(local $len i32)
		;; Something to keep, if the call succeeds.
		(drop (call $set_storage (i32.const 16) (i32.const 7) (i32.const 32) (i32.const 3)))

		;; The call input, at most 4096 bytes, at least the 4 of the function id.
		(i32.store (i32.const 0) (i32.const 4096))
		(call $input (i32.const 256) (i32.const 0))
		(if (i32.lt_u (i32.load (i32.const 0)) (i32.const 4)) (then (unreachable)))
		(local.set $len (i32.sub (i32.load (i32.const 0)) (i32.const 4)))

		;; The output buffer's capacity, then the extension.
		(i32.store (i32.const 4) (i32.const 256))
		(i32.store (i32.const 8192)
			(call $call_chain_extension
				(i32.load (i32.const 256))
				(i32.const 260)
				(local.get $len)
				(i32.const 8196)
				(i32.const 4)))
		(call $seal_return
			(i32.const 0)
			(i32.const 8192)
			(i32.add (i32.const 4) (i32.load (i32.const 4))))
	)
)
"#;

/// The storage key the probe writes before it asks the extension, and the value.
const KEY: &[u8] = b"touched";
const VALUE: &[u8] = b"yes";

/// The extension's functions as a contract names them: `0x4d4c` in the high 16 bits.
const ACCESS_DECISION: u32 = 0x4d4c_0001;
const IS_PATIENT: u32 = 0x4d4c_0005;

const GAS: Weight = Weight::from_parts(100_000_000_000, 3 * 1024 * 1024);

fn account(key: Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

fn fund(who: &AccountId) {
	assert_ok!(Balances::force_set_balance(
		RuntimeOrigin::root(),
		who.clone().into(),
		1_000 * UNIT
	));
}

fn state_root() -> Vec<u8> {
	sp_io::storage::root(StateVersion::V1)
}

/// The probe, deployed; who calls it; and a registered patient to ask about.
struct Probe {
	address: AccountId,
	caller: AccountId,
	patient: AccountId,
}

/// The council approves the probe's code, Bob uploads it, Ferdie instantiates it; Eve
/// registers as a patient.
fn deploy() -> Probe {
	let wasm = wat::parse_str(PROBE).expect("the probe is valid WAT");
	let code_hash = BlakeTwo256::hash(&wasm);
	let uploader = account(Bob);
	fund(&uploader);
	council_motion(RuntimeCall::CodeApproval(pallet_code_approval::Call::approve { code_hash }));
	assert_ok!(CodeApproval::upload(RuntimeOrigin::signed(uploader), wasm, None));

	let caller = account(Ferdie);
	fund(&caller);
	let result = Contracts::bare_instantiate(
		caller.clone(),
		0,
		GAS,
		None,
		pallet_contracts::Code::Existing(code_hash),
		vec![],
		vec![],
		DebugInfo::UnsafeDebug,
		CollectEvents::Skip,
	);
	let debug = String::from_utf8_lossy(&result.debug_message).into_owned();
	let done = result.result.unwrap_or_else(|e| panic!("instantiation failed: {e:?} {debug}"));
	assert!(!done.result.did_revert(), "the probe's deploy reverted: {debug}");

	let patient = account(Eve);
	fund(&patient);
	assert_ok!(Patients::register(RuntimeOrigin::signed(patient.clone()), EncryptionKey([7; 32])));
	Probe { address: done.account_id, caller, patient }
}

impl Probe {
	/// Has the probe ask function `id` with `input`; the call's result and debug buffer.
	fn call(&self, id: u32, input: &[u8]) -> (Result<ExecReturnValue, DispatchError>, String) {
		let mut data = id.to_le_bytes().to_vec();
		data.extend_from_slice(input);
		let result = Contracts::bare_call(
			self.caller.clone(),
			self.address.clone(),
			0,
			GAS,
			None,
			data,
			DebugInfo::UnsafeDebug,
			CollectEvents::Skip,
			Determinism::Enforced,
		);
		(result.result, String::from_utf8_lossy(&result.debug_message).into_owned())
	}

	/// What the probe has kept under [`KEY`].
	fn kept(&self) -> Option<Vec<u8>> {
		Contracts::get_storage(self.address.clone(), KEY.to_vec()).expect("the probe exists")
	}

	/// Asking function `id` with `input` traps the probe with `expected`, and the call leaves
	/// the state as it found it.
	fn assert_traps(&self, id: u32, input: &[u8], expected: pallet_contracts::Error<Runtime>) {
		let (root, kept) = (state_root(), self.kept());
		let paid = Balances::free_balance(&self.caller);
		let (result, debug) = self.call(id, input);
		match result {
			Err(error) => assert_eq!(
				error,
				DispatchError::from(expected),
				"function {id:#010x} with {input:?}: {debug}"
			),
			Ok(value) => {
				panic!("function {id:#010x} with {input:?} answered {value:?}, no trap: {debug}")
			},
		}
		assert_eq!(self.kept(), kept, "function {id:#010x}: the trapped call's write was kept");
		assert_eq!(Balances::free_balance(&self.caller), paid, "a trapped call costs no deposit");
		assert_eq!(state_root(), root, "function {id:#010x}: the trapped call changed state");
	}

	/// Asking function `id` with `input` returns status 0 and keeps the probe's write; the
	/// extension's output.
	fn answer(&self, id: u32, input: &[u8]) -> Vec<u8> {
		let (result, debug) = self.call(id, input);
		let value = result.unwrap_or_else(|e| panic!("function {id:#010x} trapped: {e:?} {debug}"));
		assert!(!value.did_revert(), "the probe reverted: {value:?} {debug}");
		assert!(value.data.len() >= 4, "the probe returns the status first: {value:?}");
		let (status, output) = value.data.split_at(4);
		assert_eq!(status, &0u32.to_le_bytes()[..], "the extension's status");
		assert_eq!(self.kept().as_deref(), Some(VALUE), "a call that succeeds keeps its write");
		output.to_vec()
	}
}

#[test]
fn an_unknown_function_of_the_consent_extension_traps_the_contract_and_nothing_is_kept() {
	local_testnet().execute_with(|| {
		assert_eq!(medledger_runtime::consent_extension::EXTENSION_ID, 0x4d4c);
		let probe = deploy();
		let who = probe.patient.encode();
		// No function 0, none after 7.
		for id in [0x4d4c_0000, 0x4d4c_0008, 0x4d4c_0063, 0x4d4c_ffff] {
			probe.assert_traps(id, &who, pallet_contracts::Error::<Runtime>::NoChainExtension);
		}
		assert_eq!(probe.kept(), None);
		// The same input to a function the extension has is answered: the id alone decided.
		assert_eq!(probe.answer(IS_PATIENT, &who), vec![1u8]);
	});
}

#[test]
fn a_function_of_an_unknown_extension_traps_the_contract_and_nothing_is_kept() {
	local_testnet().execute_with(|| {
		let probe = deploy();
		let who = probe.patient.encode();
		// Functions the consent extension has, under other extension ids.
		for id in [0x0001_0001, 0x0001_0005, 0x0000_0005, 0x4d4d_0005, 0x4c4d_0005, 0xffff_0005] {
			probe.assert_traps(id, &who, pallet_contracts::Error::<Runtime>::NoChainExtension);
		}
		assert_eq!(probe.kept(), None);
		assert_eq!(probe.answer(IS_PATIENT, &who), vec![1u8]);
	});
}

#[test]
fn an_account_of_too_few_or_too_many_bytes_traps_the_contract_and_nothing_is_kept() {
	local_testnet().execute_with(|| {
		let probe = deploy();
		let who = probe.patient.encode();
		assert_eq!(who.len(), 32);
		for len in [0, 3, 31] {
			probe.assert_traps(
				IS_PATIENT,
				&who[..len],
				pallet_contracts::Error::<Runtime>::DecodingFailed,
			);
		}
		// A byte more than an account: not exactly one value.
		probe.assert_traps(
			IS_PATIENT,
			&[&who[..], &[0]].concat(),
			pallet_contracts::Error::<Runtime>::DecodingFailed,
		);
		assert_eq!(probe.kept(), None);
		// All 32 bytes decode.
		assert_eq!(probe.answer(IS_PATIENT, &who), vec![1u8]);
	});
}

#[test]
fn a_purpose_that_is_none_or_followed_by_more_traps_the_contract_and_nothing_is_kept() {
	local_testnet().execute_with(|| {
		let probe = deploy();
		let needed = CategorySet::of(&[RecordCategory::LabResults]);
		let asking = (account(Alice), probe.patient.clone(), needed).encode();
		let with_purpose = |purpose: &[u8]| [&asking[..], purpose].concat();
		assert_eq!(Purpose::ALL.len(), 7, "purposes are encoded 0 to 6");
		// No such purpose; a purpose and a byte more.
		for purpose in [&[7][..], &[0xff], &[2, 0]] {
			probe.assert_traps(
				ACCESS_DECISION,
				&with_purpose(purpose),
				pallet_contracts::Error::<Runtime>::DecodingFailed,
			);
		}
		assert_eq!(probe.kept(), None);
		// The same question for research decodes, and is answered: Alice holds no grant.
		assert_eq!(
			probe.answer(ACCESS_DECISION, &with_purpose(&Purpose::Research.encode())),
			AccessDecision::Denied(Denial::NoGrant).encode()
		);
	});
}

#[test]
fn a_well_formed_call_answers_from_the_chain_and_keeps_what_the_contract_did() {
	local_testnet().execute_with(|| {
		let probe = deploy();
		assert_eq!(probe.kept(), None);
		let paid = Balances::free_balance(&probe.caller);
		// A registered patient: SCALE `true`.
		assert_eq!(probe.answer(IS_PATIENT, &probe.patient.encode()), vec![1u8]);
		assert!(
			Balances::free_balance(&probe.caller) < paid,
			"the caller pays the deposit of the probe's write"
		);
		// Not a patient: SCALE `false`, also with status 0.
		assert_eq!(probe.answer(IS_PATIENT, &account(Ferdie).encode()), vec![0u8]);
		assert_eq!(probe.answer(IS_PATIENT, &[0; 32]), vec![0u8]);
	});
}
