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
///
/// Its RPC server takes a port of the OS's choosing (`--rpc-port 0`), read from the line the
/// node logs when it listens: no other process can be handed that port between the test
/// choosing it and the node binding it.
pub struct Node {
	pub name: String,
	pub p2p_port: u16,
	child: std::sync::Mutex<Child>,
	log: PathBuf,
	rpc: std::sync::OnceLock<String>,
}

/// The line `sc-rpc-server` logs once it listens, before the address it listens on.
const RPC_LISTENING: &str = "Running JSON-RPC server: addr=";

impl Node {
	/// Start the node binary with `args`, plus a free P2P port, an RPC port of the OS's choosing
	/// and no telemetry.
	pub fn start(name: &str, args: &[&str]) -> Node {
		let p2p_port = free_port();
		let log = std::env::temp_dir().join(format!("medledger-e2e-{name}-{p2p_port}.log"));
		let log_file = std::fs::File::create(&log).expect("log file");
		let child = Command::new(env!("CARGO_BIN_EXE_medledger-node"))
			.args(args)
			.args([
				"--tmp",
				"--rpc-port",
				"0",
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
		let child = std::sync::Mutex::new(child);
		Node { name: name.into(), p2p_port, child, log, rpc: Default::default() }
	}

	/// The node's RPC endpoint, once its log says where it listens.
	pub fn url(&self) -> Option<String> {
		if let Some(url) = self.rpc.get() {
			return Some(url.clone());
		}
		let text = std::fs::read_to_string(&self.log).ok()?;
		let line = text.lines().find_map(|line| Some(&line[line.find(RPC_LISTENING)?..]))?;
		let addr = line[RPC_LISTENING.len()..]
			.split(|c: char| c == ',' || c.is_whitespace())
			.find(|addr| addr.starts_with("127.0.0.1:"))?;
		Some(self.rpc.get_or_init(|| format!("ws://{addr}")).clone())
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
			let attempt = match self.url() {
				Some(url) => WsClientBuilder::default().build(url).await.map_err(|e| e.to_string()),
				None => Err("its log names no RPC address yet".into()),
			};
			match attempt {
				Ok(client) => return client,
				Err(_) if Instant::now() < deadline => {
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
