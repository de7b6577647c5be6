//! A transaction is found in its block without the node's word: the fallback the client uses
//! when the pool leaves a watch without an answer. Needs the node binary (`scripts/build.sh`).

use medledger_client::{
	chain::{MedLedger, Wait},
	runtime,
	testing::DevNode,
	Keys,
};

#[tokio::test(flavor = "multi_thread")]
async fn a_transaction_is_found_in_its_block_and_a_stranger_is_not() {
	let node = DevNode::start();
	let chain = MedLedger::connect(&node.url).await.expect("connects");
	let alice = Keys::from_uri("//Alice").unwrap();
	let bob = Keys::from_uri("//Bob").unwrap();
	let call = runtime::tx().balances().transfer_keep_alive(bob.account_id().into(), 1_000);
	let (included, events) =
		chain.submit(&call, &alice, Wait::Finalized, |_| {}).await.expect("transferred");
	let hash = events.extrinsic_hash();

	let (found, found_events) = chain
		.find_included(hash, Wait::Finalized)
		.await
		.expect("the node answers")
		.expect("found in the finalized chain");
	assert_eq!(found.block, included.block);
	assert!(found.finalized);
	let transfer = found_events
		.find_first::<runtime::balances::events::Transfer>()
		.expect("its own events")
		.expect("events decode");
	assert_eq!(transfer.amount, 1_000);

	// A transaction that never was is not found.
	let stranger = subxt::utils::H256([7; 32]);
	assert!(chain.find_included(stranger, Wait::InBlock).await.expect("answers").is_none());
}
