//! Council motions through the client, on a development node whose council is Alice alone: a
//! council of one carries a motion at once, and tells a failed call as such; once Bob is
//! admitted a motion needs both votes (a proposer's included), stays open, and closing it carries it out within the
//! weight the runtime gives its call. Needs the node binary (`scripts/build.sh`).

use medledger_client::{
	calls::{Closed, Proposed},
	chain::MedLedger,
	testing::DevNode,
	types::{council, CouncilAction},
	Keys,
};

#[tokio::test(flavor = "multi_thread")]
async fn motions_are_carried_at_once_or_voted_and_closed() {
	let node = DevNode::start();
	let chain = MedLedger::connect(&node.url).await.expect("connects");
	let [alice, bob, charlie, dave] =
		["//Alice", "//Bob", "//Charlie", "//Dave"].map(|uri| Keys::from_uri(uri).expect("keys"));
	let members = |chain: &MedLedger| {
		let chain = chain.clone();
		async move { chain.council_members(chain.finalized_head().await?).await }
	};
	assert_eq!(members(&chain).await.expect("read"), vec![alice.account_id()]);

	// Admitting an account that never applied: carried at once, and failed.
	let refused = chain
		.propose_motion(&alice, CouncilAction::Admit.call(dave.account_id()), |_| {})
		.await
		.expect("proposed");
	assert!(matches!(refused, Proposed::Carried(Err(_))), "{refused:?}");

	// Bob applies and is admitted by Alice alone.
	chain.apply(&bob, "Bob Hospital", "https://bob.example", |_| {}).await.expect("applied");
	let admitted = chain
		.propose_motion(&alice, CouncilAction::Admit.call(bob.account_id()), |_| {})
		.await
		.expect("proposed");
	assert_eq!(admitted, Proposed::Carried(Ok(())));
	let now = members(&chain).await.expect("read");
	assert_eq!(now.len(), 2, "Bob sits on the council once admitted");
	assert_eq!(council::threshold(2), 2);

	// Two members: a motion is open until both vote, and closing it carries out its call.
	chain
		.apply(&charlie, "Charlie Labs", "https://charlie.example", |_| {})
		.await
		.expect("applied");
	let call = CouncilAction::Admit.call(charlie.account_id());
	let head = chain.finalized_head().await.expect("head");
	let weight = chain.call_weight(call.clone(), head).await.expect("weighed");
	assert!(weight.ref_time > 0 && weight.proof_size > 0, "{weight:?}");
	let Proposed::Open { motion, index, ayes, members: seats } =
		chain.propose_motion(&alice, call, |_| {}).await.expect("proposed")
	else {
		panic!("a council of two does not carry a motion on one vote");
	};
	assert_eq!((ayes, seats), (2, 2));
	let open = chain.council_motions(chain.finalized_head().await.expect("head")).await;
	assert_eq!(open.expect("read").len(), 1);
	// A proposer's motion holds no vote of its own: both vote.
	for member in [&alice, &bob] {
		chain.vote(member, motion, index, true, |_| {}).await.expect("voted");
	}
	let closed = chain.close_motion(&bob, motion, index, |_| {}).await.expect("closed");
	assert_eq!(closed, Closed::Carried);
	let head = chain.finalized_head().await.expect("head");
	assert!(chain.provider(&charlie.account_id(), head).await.expect("read").is_some());
	assert_eq!(members(&chain).await.expect("read").len(), 3);

	// A motion that can no longer pass is closed as rejected before its time is up.
	chain.apply(&dave, "Dave Health", "https://dave.example", |_| {}).await.expect("applied");
	let Proposed::Open { motion, index, .. } = chain
		.propose_motion(&alice, CouncilAction::Admit.call(dave.account_id()), |_| {})
		.await
		.expect("proposed")
	else {
		panic!("a council of three does not carry a motion on one vote");
	};
	chain.vote(&bob, motion, index, false, |_| {}).await.expect("voted");
	chain.vote(&charlie, motion, index, false, |_| {}).await.expect("voted");
	let closed = chain.close_motion(&charlie, motion, index, |_| {}).await.expect("closed");
	assert_eq!(closed, Closed::Rejected);
	let head = chain.finalized_head().await.expect("head");
	assert!(chain.provider(&dave.account_id(), head).await.expect("read").is_none());
}
