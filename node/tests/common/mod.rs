//! Starting real `medledger-node` processes on free loopback ports and talking to them over
//! JSON-RPC, as any Substrate client would.

#![allow(dead_code)]

use jsonrpsee::{
	core::client::ClientT,
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use std::{
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// The peer id of the node key `0x…01`, used to make Alice a well-known boot node.
pub const ALICE_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";
pub const ALICE_PEER_ID: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";

/// A running node, killed when dropped. Its log is kept for failure reports.
pub struct Node {
	pub name: String,
	pub rpc_port: u16,
	pub p2p_port: u16,
	child: std::sync::Mutex<Child>,
	log: PathBuf,
}

impl Node {
	/// Start the node binary with `args`, plus free RPC and P2P ports and no telemetry.
	pub fn start(name: &str, args: &[&str]) -> Node {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log = std::env::temp_dir().join(format!("medledger-e2e-{name}-{rpc_port}.log"));
		let log_file = std::fs::File::create(&log).expect("log file");
		let child = Command::new(env!("CARGO_BIN_EXE_medledger-node"))
			.args(args)
			.args([
				"--tmp",
				"--rpc-port",
				&rpc_port.to_string(),
				"--port",
				&p2p_port.to_string(),
				"--no-prometheus",
				"--no-telemetry",
				"--no-mdns",
				"--rpc-cors",
				"all",
			])
			.stdout(Stdio::null())
			.stderr(log_file)
			.spawn()
			.expect("the node binary starts");
		Node { name: name.into(), rpc_port, p2p_port, child: std::sync::Mutex::new(child), log }
	}

	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// The last lines of the node's log, for a failing test's report.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<_> = text.lines().rev().take(40).collect();
		lines.into_iter().rev().collect::<Vec<_>>().join("\n")
	}

	/// Whether the process has exited, and how.
	pub fn exited(&self) -> Option<std::process::ExitStatus> {
		self.child.lock().ok().and_then(|mut c| c.try_wait().ok().flatten())
	}

	/// Connect over WebSocket, retrying while the node starts (compiling the runtime first).
	pub async fn connect(&self) -> WsClient {
		let deadline = Instant::now() + Duration::from_secs(180);
		loop {
			if let Some(status) = self.exited() {
				panic!(
					"{} exited with {status} before serving RPC:\n{}",
					self.name,
					self.log_tail()
				);
			}
			match WsClientBuilder::default().build(self.url()).await {
				Ok(client) => return client,
				Err(e) if Instant::now() < deadline => {
					let _ = e;
					tokio::time::sleep(Duration::from_millis(500)).await;
				},
				Err(e) => panic!("{} never served RPC: {e}\n{}", self.name, self.log_tail()),
			}
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		if let Ok(child) = self.child.get_mut() {
			let _ = child.kill();
			let _ = child.wait();
		}
		let _ = std::fs::remove_file(&self.log);
	}
}

/// The number of the block at `hash`, or of the best block if `hash` is `None`.
pub async fn block_number(client: &WsClient, hash: Option<String>) -> u64 {
	let header: Value = client.request("chain_getHeader", rpc_params![hash]).await.expect("header");
	let number = header["number"].as_str().expect("number is hex");
	u64::from_str_radix(number.trim_start_matches("0x"), 16).expect("hex number")
}

/// The number of the last finalized block.
pub async fn finalized_number(client: &WsClient) -> u64 {
	let hash: String =
		client.request("chain_getFinalizedHead", rpc_params![]).await.expect("finalized head");
	block_number(client, Some(hash)).await
}

/// Wait until the node has finalized block `target`, failing after `limit`.
pub async fn wait_finalized(node: &Node, client: &WsClient, target: u64, limit: Duration) -> u64 {
	let deadline = Instant::now() + limit;
	loop {
		let finalized = finalized_number(client).await;
		if finalized >= target {
			return finalized;
		}
		if Instant::now() > deadline {
			panic!(
				"{} finalized only #{finalized} of #{target} in {limit:?}\n{}",
				node.name,
				node.log_tail()
			);
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
