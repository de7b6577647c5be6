//! A chain spec whose genesis holds a region's worth of consent: the scale test's chain
//! (`scripts/scale-test.sh`, `docs/scale.md`).
//!
//! ```sh
//! scale_state <raw spec in> <raw spec out> [patients] [grants per patient] [document sets per patient]
//! ```
//!
//! It reads a raw chain spec (`medledger-node build-spec --chain dev --raw`), runs the real calls
//! of the native runtime on its genesis state, as signed by their authors but without fees, and
//! writes the spec back with the state they leave: each patient registered by themselves, each
//! granting distinct grantees from a pool of 1,000 (all categories but mental health, for
//! treatment, half of them expiring far ahead), and the dev clinic (Alice) registering each
//! patient's document sets with 96 bytes of sealed metadata. The calls run at block 0, where
//! nothing deposits events, so the state holds exactly what consent and records keep.

use codec::Encode;
use frame_support::{assert_ok, traits::Get};
use medledger_primitives::{
	AccessLevel, CategorySet, EncryptionKey, LabelSet, Purpose, RecordCategory,
};
use medledger_runtime::{
	AccountId, Balances, Consent, Patients, Records, Runtime, RuntimeOrigin, UNIT,
};
use sp_core::{bytes, storage::Storage, H256};
use sp_io::hashing::blake2_256;
use sp_keyring::Sr25519Keyring::Alice;
use sp_state_machine::BasicExternalities;
use std::time::Instant;

/// Grantees are drawn from a pool this large: the clinicians and insurers of a region.
const GRANTEES: u32 = 1_000;
/// Sealed metadata of a document set: a title, a date and a code, encrypted to the patient.
const METADATA_BYTES: usize = 96;
/// A grant that expires ends this far ahead: never within the test.
const FAR_AHEAD: u32 = 50_000_000;

fn account(role: &[u8], index: u32) -> AccountId {
	blake2_256(&(b"medledger/scale", role, index).encode()).into()
}

fn arg(args: &[String], at: usize, default: u32) -> u32 {
	args.get(at).map_or(default, |a| a.parse().expect("counts are whole numbers"))
}

fn main() {
	let args: Vec<String> = std::env::args().collect();
	let (input, output) = match (args.get(1), args.get(2)) {
		(Some(input), Some(output)) => (input, output),
		_ => {
			eprintln!(
				"usage: scale_state <raw spec in> <raw spec out> [patients] [grants per \
				 patient] [document sets per patient]"
			);
			std::process::exit(2);
		},
	};
	let patients = arg(&args, 3, 100_000);
	let grants_per_patient = arg(&args, 4, 10);
	let sets_per_patient = arg(&args, 5, 10);
	assert!(grants_per_patient <= GRANTEES, "at most {GRANTEES} grants per patient");

	let mut spec: serde_json::Value =
		serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(input).unwrap()))
			.expect("the input is a chain spec");
	let top = spec["genesis"]["raw"]["top"].as_object().expect("the input is a raw chain spec");
	let mut storage = Storage::default();
	for (key, value) in top {
		let value = value.as_str().expect("raw values are hex strings");
		storage.top.insert(bytes::from_hex(key).unwrap(), bytes::from_hex(value).unwrap());
	}

	let started = Instant::now();
	BasicExternalities::execute_with_storage(&mut storage, || {
		let alice = Alice.to_account_id();
		// The dev clinic holds a deposit for every document set it registers.
		let deposit: u128 = <Runtime as pallet_records::Config>::DocumentSetDeposit::get();
		let deposits = u128::from(patients * sets_per_patient) * deposit;
		let funds = Balances::free_balance(&alice) + deposits;
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), alice.clone().into(), funds));
		let metadata = vec![0x5e; METADATA_BYTES];
		for p in 0..patients {
			let patient = account(b"patient", p);
			assert_ok!(Balances::force_set_balance(
				RuntimeOrigin::root(),
				patient.clone().into(),
				10 * UNIT
			));
			let key = EncryptionKey(blake2_256(&(b"key", p).encode()));
			assert_ok!(Patients::register(RuntimeOrigin::signed(patient.clone()), key));
			for g in 0..grants_per_patient {
				// Distinct grantees for each patient, spread over the pool.
				let grantee = account(b"grantee", (p.wrapping_mul(7) + g * 97) % GRANTEES);
				assert_ok!(Consent::grant(
					RuntimeOrigin::signed(patient.clone()),
					patient.clone(),
					grantee,
					CategorySet::all(),
					CategorySet::of(&[RecordCategory::MentalHealth]),
					Purpose::Treatment,
					AccessLevel::Read,
					None,
					(g % 2 == 1).then_some(FAR_AHEAD),
				));
			}
			for s in 0..sets_per_patient {
				let category = RecordCategory::ALL[(s as usize) % RecordCategory::ALL.len()];
				assert_ok!(Records::register_document_set(
					RuntimeOrigin::signed(alice.clone()),
					patient.clone(),
					category,
					LabelSet::empty(),
					H256(blake2_256(&(b"content", p, s).encode())),
					4096,
					metadata.clone(),
					None,
				));
			}
			if (p + 1) % 10_000 == 0 {
				eprintln!("{} patients in {:.0?}", p + 1, started.elapsed());
			}
		}
	});
	eprintln!(
		"{patients} patients, {} grants, {} document sets: {} keys, {:.0?}",
		patients * grants_per_patient,
		patients * sets_per_patient,
		storage.top.len(),
		started.elapsed()
	);

	let top: serde_json::Map<String, serde_json::Value> = storage
		.top
		.iter()
		.map(|(k, v)| (bytes::to_hex(k, false), bytes::to_hex(v, false).into()))
		.collect();
	spec["genesis"]["raw"]["top"] = top.into();
	spec["name"] = "MedLedger Scale".into();
	let file = std::fs::File::create(output).expect("the output can be written");
	serde_json::to_writer(std::io::BufWriter::new(file), &spec).expect("the spec is written");
}
