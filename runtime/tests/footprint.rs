//! What consent and records cost in state: the bytes (keys and values) a grant and a document
//! set add to the runtime's storage, measured by walking the whole state before and after.
//! Run with `--nocapture` to see the figures; the bounds below keep them from creeping up.

use frame_support::assert_ok;
use medledger_primitives::{AccessLevel, CategorySet, EncryptionKey, Purpose, RecordCategory};
use medledger_runtime::{
	genesis_config_presets, BuildStorage, Consent, Patients, Records, RuntimeGenesisConfig,
	RuntimeOrigin, System,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Eve, Ferdie};

fn dev_chain() -> sp_io::TestExternalities {
	let preset = genesis_config_presets::development_config_genesis();
	let config: RuntimeGenesisConfig =
		serde_json::from_value(preset).expect("the dev preset is a full genesis config");
	let mut ext: sp_io::TestExternalities =
		config.build_storage().expect("the dev preset builds").into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Every key and value in state, in bytes. Events are cleared first: they last one block.
fn state_bytes() -> usize {
	System::reset_events();
	let mut total = 0;
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map_or(0, |v| v.len());
		total += next.len() + value;
		key = next;
	}
	total
}

/// The bytes `action` adds to state.
fn growth(action: impl FnOnce()) -> usize {
	let before = state_bytes();
	action();
	state_bytes().saturating_sub(before)
}

/// Eve grants `grantee` everything but mental health for treatment, until block 1000.
fn grant(grantee: sp_keyring::Sr25519Keyring) {
	assert_ok!(Consent::grant(
		RuntimeOrigin::signed(Eve.to_account_id()),
		Eve.to_account_id(),
		grantee.to_account_id(),
		CategorySet::all(),
		CategorySet::of(&[RecordCategory::MentalHealth]),
		Purpose::Treatment,
		AccessLevel::Read,
		None,
		Some(1000),
	));
}

/// Alice's clinic registers a lab result of Eve's with the most sealed metadata there may be.
fn document_set() {
	let metadata = vec![0xee; 512];
	assert_ok!(Records::register_document_set(
		RuntimeOrigin::signed(Alice.to_account_id()),
		Eve.to_account_id(),
		RecordCategory::LabResults,
		medledger_primitives::LabelSet::empty(),
		H256::repeat_byte(0xab),
		4096,
		metadata,
		None,
	));
}

#[test]
fn a_grant_and_a_document_set_cost_few_bytes_of_state() {
	dev_chain().execute_with(|| {
		assert_ok!(Patients::register(
			RuntimeOrigin::signed(Eve.to_account_id()),
			EncryptionKey([7; 32])
		));
		// The first grant to a grantee opens that pair's index: measure it, then the steady
		// state. (The feeless allowance is counted by the transaction extension, not here.)
		let first_grant = growth(|| grant(Bob));
		let next_grant = growth(|| grant(Bob));
		let grant_to_another = growth(|| grant(Ferdie));
		// The first document set of a custodian also opens its hold on the deposit.
		let first_document_set = growth(document_set);
		let next_document_set = growth(document_set);

		println!("state bytes: first grant of a patient {first_grant}");
		println!("state bytes: another grant to the same grantee {next_grant}");
		println!("state bytes: a grant to another grantee {grant_to_another}");
		println!("state bytes: first document set of a custodian {first_document_set}");
		println!("state bytes: another document set (512 B metadata) {next_document_set}");

		assert!(next_grant <= 160, "a grant costs {next_grant} bytes");
		assert!(grant_to_another <= 360, "a grant to a new grantee costs {grant_to_another} bytes");
		assert!(next_document_set <= 512 + 320, "a document set costs {next_document_set} bytes");
	});
}
