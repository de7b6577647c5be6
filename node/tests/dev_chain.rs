//! The dev chain, end to end: the built node authors and finalizes, and a plain JSON-RPC client
//! reads its metadata and storage and submits a signed transfer.

mod common;

use codec::{Decode, Encode};
use common::*;
use jsonrpsee::{core::client::ClientT, rpc_params};
use medledger_runtime::{
	BalancesCall, Runtime, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic, VERSION,
};
use sp_core::{bytes, Pair};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::generic::Era;
use std::time::Duration;

fn signed_transfer(nonce: u32, genesis: sp_core::H256, value: u128) -> Vec<u8> {
	let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
		dest: Bob.to_account_id().into(),
		value,
	});
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload = SignedPayload::from_raw(
		call.clone(),
		extension.clone(),
		(
			(),
			VERSION.spec_version,
			VERSION.transaction_version,
			genesis,
			genesis,
			(),
			(),
			(),
			None,
			(),
		),
	);
	let signature = payload.using_encoded(|bytes| Alice.pair().sign(bytes));
	UncheckedExtrinsic::new_signed(call, Alice.to_account_id().into(), signature.into(), extension)
		.encode()
}

async fn free_balance_of_bob(client: &jsonrpsee::ws_client::WsClient) -> u128 {
	let key = frame_system::Account::<Runtime>::hashed_key_for(Bob.to_account_id());
	let raw: Option<String> = client
		.request("state_getStorage", rpc_params![bytes::to_hex(&key, false)])
		.await
		.expect("storage read");
	let raw = bytes::from_hex(&raw.expect("Bob is endowed")).expect("hex");
	let info =
		frame_system::AccountInfo::<u32, pallet_balances::AccountData<u128>>::decode(&mut &raw[..])
			.expect("account info decodes");
	info.data.free
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_finalizes_and_serves_standard_clients() {
	let node = Node::start("dev", &["--dev"]);
	let client = node.connect().await;

	wait_finalized(&node, &client, 3, Duration::from_secs(240)).await;

	// Metadata, as every client fetches first: SCALE with the "meta" magic.
	let metadata: String =
		client.request("state_getMetadata", rpc_params![]).await.expect("metadata");
	assert!(metadata.starts_with("0x6d657461"), "metadata magic");

	let genesis: String =
		client.request("chain_getBlockHash", rpc_params![0]).await.expect("genesis hash");
	let genesis = sp_core::H256::from_slice(&bytes::from_hex(&genesis).expect("hex"));
	let nonce: u32 = client
		.request("system_accountNextIndex", rpc_params![Alice.to_account_id().to_string()])
		.await
		.expect("nonce");

	let before = free_balance_of_bob(&client).await;
	let value = 1_000_000_000_000u128;
	let tx = signed_transfer(nonce, genesis, value);
	let _hash: String = client
		.request("author_submitExtrinsic", rpc_params![bytes::to_hex(&tx, false)])
		.await
		.unwrap_or_else(|e| panic!("submission refused: {e}\n{}", node.log_tail()));

	let deadline = std::time::Instant::now() + Duration::from_secs(60);
	while free_balance_of_bob(&client).await != before + value {
		assert!(
			std::time::Instant::now() < deadline,
			"transfer never included\n{}",
			node.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
