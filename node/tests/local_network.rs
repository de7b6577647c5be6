//! Four providers started by hand with `--chain local` on loopback author and finalize together.

mod common;

use common::*;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn four_provider_network_finalizes() {
	let alice =
		Node::start("alice", &["--chain", "local", "--alice", "--node-key", ALICE_NODE_KEY]);
	let boot = format!("/ip4/127.0.0.1/tcp/{}/p2p/{ALICE_PEER_ID}", alice.p2p_port);
	let others: Vec<Node> = ["bob", "charlie", "dave"]
		.into_iter()
		.map(|name| {
			let flag = format!("--{name}");
			// A validator of a live chain must have a network key: let these generate theirs.
			Node::start(
				name,
				&[
					"--chain",
					"local",
					&flag,
					"--bootnodes",
					&boot,
					"--unsafe-force-node-key-generation",
				],
			)
		})
		.collect();

	let mut clients = vec![(&alice, alice.connect().await)];
	for node in &others {
		clients.push((node, node.connect().await));
	}
	for (node, client) in &clients {
		wait_finalized(node, client, 3, Duration::from_secs(300)).await;
		let peers: serde_json::Value = jsonrpsee::core::client::ClientT::request(
			client,
			"system_health",
			jsonrpsee::rpc_params![],
		)
		.await
		.expect("health");
		assert!(peers["peers"].as_u64().unwrap_or(0) >= 1, "{} has no peers", node.name);
	}
}
