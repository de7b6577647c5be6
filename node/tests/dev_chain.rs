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
use sp_runtime::traits::Get;
use std::time::Duration;

fn signed_transfer(nonce: u32, genesis: sp_core::H256, value: u128) -> Vec<u8> {
	let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
		dest: Bob.to_account_id().into(),
		value,
	});
	signed_by_alice(call, nonce, genesis)
}

/// `call` signed by Alice with nonce `nonce`, immortal, as any wallet would build it.
pub fn signed_by_alice(call: RuntimeCall, nonce: u32, genesis: sp_core::H256) -> Vec<u8> {
	signed_by(&Alice.pair(), call, nonce, genesis)
}

/// `call` signed by `signer` with nonce `nonce`, immortal.
pub fn signed_by(
	signer: &sp_core::sr25519::Pair,
	call: RuntimeCall,
	nonce: u32,
	genesis: sp_core::H256,
) -> Vec<u8> {
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		medledger_runtime::feeless::SkipPaymentIfFeeless::from(
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		),
		pallet_consent::CheckConsentCall::<Runtime>::new(),
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
			(),
			None,
			(),
		),
	);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let account: sp_runtime::AccountId32 = signer.public().into();
	UncheckedExtrinsic::new_signed(call, account.into(), signature.into(), extension).encode()
}

type AccountInfo = frame_system::AccountInfo<u32, pallet_balances::AccountData<u128>>;

/// `who`'s account at the best block (nonce and balances); the default for an unknown account.
async fn account_of(
	client: &jsonrpsee::ws_client::WsClient,
	who: &sp_runtime::AccountId32,
) -> AccountInfo {
	let key = frame_system::Account::<Runtime>::hashed_key_for(who);
	let raw: Option<String> = client
		.request("state_getStorage", rpc_params![bytes::to_hex(&key, false)])
		.await
		.expect("storage read");
	raw.map(|raw| {
		let raw = bytes::from_hex(&raw).expect("hex");
		AccountInfo::decode(&mut &raw[..]).expect("account info decodes")
	})
	.unwrap_or_default()
}

async fn free_balance_of_bob(client: &jsonrpsee::ws_client::WsClient) -> u128 {
	account_of(client, &Bob.to_account_id()).await.data.free
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

async fn submit(client: &jsonrpsee::ws_client::WsClient, node: &Node, what: &str, tx: Vec<u8>) {
	let _hash: String = client
		.request("author_submitExtrinsic", rpc_params![bytes::to_hex(&tx, false)])
		.await
		.unwrap_or_else(|e| panic!("{what} refused: {e}\n{}", node.log_tail()));
}

/// Polls `decision` until `done` holds, for at most a minute.
async fn wait_for_decision<F: std::future::Future<Output = serde_json::Value>>(
	node: &Node,
	what: &str,
	decision: impl Fn() -> F,
	done: impl Fn(&serde_json::Value) -> bool,
) {
	let deadline = std::time::Instant::now() + Duration::from_secs(60);
	loop {
		let answer = decision().await;
		if done(&answer) {
			return;
		}
		assert!(
			std::time::Instant::now() < deadline,
			"{what} never seen: {answer}\n{}",
			node.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn consent_is_answered_over_medledger_rpc() {
	use medledger_primitives::{AccessLevel, CategorySet, EncryptionKey, Purpose, RecordCategory};
	use medledger_runtime::{ConsentCall, PatientsCall};

	let node = Node::start("dev-consent", &["--dev"]);
	let client = node.connect().await;
	wait_finalized(&node, &client, 1, Duration::from_secs(240)).await;

	let genesis: String =
		client.request("chain_getBlockHash", rpc_params![0]).await.expect("genesis hash");
	let genesis = sp_core::H256::from_slice(&bytes::from_hex(&genesis).expect("hex"));
	let alice = Alice.to_account_id().to_string();
	let bob = Bob.to_account_id().to_string();
	let nonce: u32 =
		client.request("system_accountNextIndex", rpc_params![alice.clone()]).await.expect("nonce");

	let decision = || async {
		let decision: serde_json::Value = client
			.request(
				"medledger_accessDecision",
				rpc_params![bob.clone(), alice.clone(), "LabResults", "Treatment", None::<String>],
			)
			.await
			.expect("medledger_accessDecision answers");
		decision
	};
	assert_eq!(decision().await, serde_json::json!({"Denied": "NotAPatient"}));

	let register =
		RuntimeCall::Patients(PatientsCall::register { encryption_key: EncryptionKey([7; 32]) });
	submit(&client, &node, "registration", signed_by_alice(register, nonce, genesis)).await;
	// The pool judges a consent call against the best block: a grant sent before the
	// registration is in a block would be turned away (`InvalidConsentCall::NotAuthorized`).
	wait_for_decision(
		&node,
		"registration",
		|| decision(),
		|answer| answer == &serde_json::json!({"Denied": "NoGrant"}),
	)
	.await;
	let grant = RuntimeCall::Consent(ConsentCall::grant {
		patient: Alice.to_account_id(),
		grantee: Bob.to_account_id(),
		categories: CategorySet::of(&[RecordCategory::LabResults]),
		except: CategorySet::empty(),
		purpose: Purpose::Treatment,
		access: AccessLevel::Read,
		starts: None,
		ends: None,
	});
	submit(&client, &node, "grant", signed_by_alice(grant, nonce + 1, genesis)).await;
	wait_for_decision(&node, "grant", || decision(), |answer| answer.get("Allowed").is_some())
		.await;
	let grants: serde_json::Value = client
		.request("medledger_grants", rpc_params![alice.clone(), None::<String>])
		.await
		.expect("grants");
	assert_eq!(grants.as_array().map(Vec::len), Some(1), "{grants}");
}

#[tokio::test(flavor = "multi_thread")]
async fn sponsored_patient_without_funds_manages_consent_feelessly() {
	use codec::Encode;
	use medledger_primitives::{AccessLevel, CategorySet, EncryptionKey, Purpose, RecordCategory};
	use medledger_runtime::{ConsentCall, PatientsCall};

	let node = Node::start("dev-sponsored", &["--dev"]);
	let client = node.connect().await;
	wait_finalized(&node, &client, 1, Duration::from_secs(240)).await;
	let genesis: String =
		client.request("chain_getBlockHash", rpc_params![0]).await.expect("genesis hash");
	let genesis = sp_core::H256::from_slice(&bytes::from_hex(&genesis).expect("hex"));

	// A patient with a brand-new key and no funds at all.
	let zoe = sp_core::sr25519::Pair::from_string("//Zoe", None).expect("a dev key");
	let zoe_id: sp_runtime::AccountId32 = zoe.public().into();
	let key = EncryptionKey([9; 32]);
	let payload = pallet_patients::RegistrationPayload {
		tag: pallet_patients::REGISTRATION_TAG,
		genesis,
		patient: zoe_id.clone(),
		encryption_key: key,
		epoch: 0,
	};
	let consent = payload.using_encoded(|bytes| zoe.sign(bytes));

	// Alice's clinic sponsors the registration.
	let alice = Alice.to_account_id().to_string();
	let nonce: u32 =
		client.request("system_accountNextIndex", rpc_params![alice]).await.expect("nonce");
	let register = RuntimeCall::Patients(PatientsCall::register_sponsored {
		patient: zoe_id.clone(),
		encryption_key: key,
		signature: consent.into(),
	});
	submit(&client, &node, "registration", signed_by_alice(register, nonce, genesis)).await;

	let zoe_ss58 = zoe_id.to_string();
	let bob = Bob.to_account_id().to_string();
	let decision = || async {
		let decision: serde_json::Value = client
			.request(
				"medledger_accessDecision",
				rpc_params![bob.clone(), zoe_ss58.clone(), "Imaging", "Treatment", None::<String>],
			)
			.await
			.expect("medledger_accessDecision answers");
		decision
	};
	wait_for_decision(
		&node,
		"registration",
		|| decision(),
		|answer| answer != &serde_json::json!({"Denied": "NotAPatient"}),
	)
	.await;

	// Zoe, with nothing to pay fees with, grants Bob imaging.
	let grant = RuntimeCall::Consent(ConsentCall::grant {
		patient: zoe_id.clone(),
		grantee: Bob.to_account_id(),
		categories: CategorySet::of(&[RecordCategory::Imaging]),
		except: CategorySet::empty(),
		purpose: Purpose::Treatment,
		access: AccessLevel::Read,
		starts: None,
		ends: None,
	});
	// New accounts do not start at nonce 0 (frame_system seeds it), so ask like a wallet does.
	let zoe_nonce: u32 = client
		.request("system_accountNextIndex", rpc_params![zoe_ss58.clone()])
		.await
		.expect("nonce");
	submit(&client, &node, "feeless grant", signed_by(&zoe, grant, zoe_nonce, genesis)).await;
	wait_for_decision(
		&node,
		"feeless grant",
		|| decision(),
		|answer| answer.get("Allowed").is_some(),
	)
	.await;

	// A flood: 200 grants that pass the pool's checks and fail in dispatch (their end has
	// passed), from a patient with nothing to pay with, while Alice sends transfers to Bob.
	// At most what is left of the allowance lands free; the rest would have to pay, cannot,
	// and never reach a block; Alice's transfers go through all the while.
	let allowance: u32 =
		<<Runtime as pallet_consent::Config>::MaxFeelessCallsPerWindow as Get<u32>>::get();
	let before = account_of(&client, &zoe_id).await;
	let failing = |ends: u32| {
		RuntimeCall::Consent(ConsentCall::grant {
			patient: zoe_id.clone(),
			grantee: Bob.to_account_id(),
			categories: CategorySet::of(&[RecordCategory::Imaging]),
			except: CategorySet::empty(),
			purpose: Purpose::Research,
			access: AccessLevel::Read,
			starts: None,
			ends: Some(ends),
		})
	};
	let mut accepted = 0;
	for i in 0..200u32 {
		let tx = signed_by(&zoe, failing(1 + i % 2), before.nonce + i, genesis);
		let sent: Result<String, _> =
			client.request("author_submitExtrinsic", rpc_params![bytes::to_hex(&tx, false)]).await;
		accepted += u32::from(sent.is_ok());
	}
	let alice_nonce: u32 = client
		.request("system_accountNextIndex", rpc_params![Alice.to_account_id().to_string()])
		.await
		.expect("nonce");
	let bob_before = free_balance_of_bob(&client).await;
	let value = 1_000_000_000_000u128;
	for i in 0..5 {
		submit(&client, &node, "transfer", signed_transfer(alice_nonce + i, genesis, value)).await;
	}
	let deadline = std::time::Instant::now() + Duration::from_secs(60);
	while free_balance_of_bob(&client).await != bob_before + 5 * value {
		assert!(
			std::time::Instant::now() < deadline,
			"Alice's transfers were crowded out by the flood\n{}",
			node.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	// Let a few more blocks be built: whatever of the flood could land has landed.
	let settled = block_number(&client, None).await + 4;
	while block_number(&client, None).await < settled {
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let after = account_of(&client, &zoe_id).await;
	let landed = after.nonce - before.nonce;
	println!("flood: {accepted} of 200 accepted by the pool, {landed} landed in blocks");
	assert!(landed >= 1, "the allowance left was not usable");
	assert!(
		landed < allowance,
		"{landed} failing calls landed; at most {} of the allowance ({allowance}) was left",
		allowance - 1
	);
	assert_eq!(after.data.free, 0, "a patient with no funds paid nothing and got nothing");
}
