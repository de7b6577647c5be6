//! What the runtime's integration tests share: the local testnet's genesis and a council
//! motion carried by three of the four founders.

use codec::Encode;
use frame_support::{assert_ok, dispatch::GetDispatchInfo};
use medledger_runtime::{
	genesis_config_presets, BuildStorage, Council, Runtime, RuntimeCall, RuntimeGenesisConfig,
	RuntimeOrigin, System,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::traits::Hash;
use std::sync::Arc;

/// The local testnet's genesis (four founding clinics, Alice to Dave) at block 1.
pub fn local_testnet() -> sp_io::TestExternalities {
	let preset = genesis_config_presets::local_config_genesis();
	let config: RuntimeGenesisConfig =
		serde_json::from_value(preset).expect("the local preset is a full genesis config");
	let mut ext: sp_io::TestExternalities =
		config.build_storage().expect("the local preset builds").into();
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Carry `call` through the council: proposed by Alice, ayes from Alice, Bob and Charlie (3 of
/// 4, above the two-thirds threshold), then closed.
pub fn council_motion(call: RuntimeCall) {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	assert_ok!(Council::propose(
		RuntimeOrigin::signed(Alice.to_account_id()),
		3,
		Box::new(call.clone()),
		length
	));
	for voter in [Alice, Bob, Charlie] {
		assert_ok!(Council::vote(RuntimeOrigin::signed(voter.to_account_id()), hash, index, true));
	}
	let weight = call.get_dispatch_info().call_weight;
	assert_ok!(Council::close(
		RuntimeOrigin::signed(Alice.to_account_id()),
		hash,
		index,
		weight,
		length
	));
}
