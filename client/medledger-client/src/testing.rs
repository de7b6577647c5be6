//! For end-to-end tests of the clients: a real development node, stopped when dropped.
//!
//! The node chooses its own ports (`--rpc-port 0 --port 0`) and the test reads the RPC address
//! from the line the node logs when it listens, so that no two nodes, nor anything else on the
//! machine, can be handed the same port between a test choosing it and the node binding it.

use std::{
	io::{BufRead, BufReader},
	net::TcpListener,
	path::PathBuf,
	process::{Child, ChildStderr, Command, Stdio},
	sync::{mpsc, Arc, Mutex},
	time::Duration,
};

/// The line `sc-rpc-server` logs once it listens, before the address it listens on.
const RPC_LISTENING: &str = "Running JSON-RPC server: addr=";
/// How much of the node's log a failing test prints.
const LOG_TAIL: usize = 60;

/// A `medledger-node --dev --tmp` of its own.
pub struct DevNode {
	child: Child,
	/// Its JSON-RPC endpoint.
	pub url: String,
	/// The node's log so far (its stderr), for the report of a failing test.
	log: Arc<Mutex<Vec<String>>>,
}

/// The node binary: `$MEDLEDGER_NODE`, else `medledger-node` in the target dir of the running
/// test (`target/debug/deps/<test>` → `target/debug/medledger-node`).
pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("MEDLEDGER_NODE") {
		return path.into();
	}
	std::env::current_exe()
		.ok()
		.and_then(|exe| Some(exe.parent()?.parent()?.join("medledger-node")))
		.unwrap_or_else(|| PathBuf::from("medledger-node"))
}

/// A port nobody listens on now, for services of the tests' own that cannot report the port
/// they bound (a node is started on port 0 instead: `DevNode::start`).
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// The IPv4 loopback address in a `Running JSON-RPC server: addr=…` line, if `line` is one.
fn rpc_address(line: &str) -> Option<String> {
	let addrs = &line[line.find(RPC_LISTENING)? + RPC_LISTENING.len()..];
	addrs
		.split(|c: char| c == ',' || c.is_whitespace())
		.find(|addr| addr.starts_with("127.0.0.1:"))
		.map(str::to_string)
}

/// Reads the node's stderr to its end: keeps every line in `log`, and sends the RPC address
/// once it is logged.
fn follow(stderr: ChildStderr, log: Arc<Mutex<Vec<String>>>, listening: mpsc::Sender<String>) {
	for line in BufReader::new(stderr).lines().map_while(Result::ok) {
		if let Some(addr) = rpc_address(&line) {
			let _ = listening.send(addr);
		}
		log.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(line);
	}
}

impl DevNode {
	/// Start a node and wait until its RPC listens. Panics (it is for tests) if it cannot, with
	/// the node's log.
	pub fn start() -> Self {
		let binary = node_binary();
		assert!(binary.exists(), "no node at {}: build the workspace first", binary.display());
		let mut child = Command::new(&binary)
			.args(["--dev", "--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
			.args(["--rpc-port", "0", "--port", "0"])
			.stdout(Stdio::null())
			.stderr(Stdio::piped())
			.spawn()
			.unwrap_or_else(|e| panic!("{} does not start: {e}", binary.display()));
		let log = Arc::new(Mutex::new(Vec::new()));
		let (listening, address) = mpsc::channel();
		let stderr = child.stderr.take().expect("stderr is piped");
		let follower = log.clone();
		std::thread::spawn(move || follow(stderr, follower, listening));
		let mut node = Self { child, url: String::new(), log };
		// The channel closes without an address if the node exits first.
		match address.recv_timeout(Duration::from_secs(90)) {
			Ok(addr) => node.url = format!("ws://{addr}"),
			Err(e) => panic!("the node's RPC never opened ({e}):\n{}", node.log_tail()),
		}
		node
	}

	/// The last lines the node logged.
	pub fn log_tail(&self) -> String {
		let log = self.log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		log[log.len().saturating_sub(LOG_TAIL)..].join("\n")
	}
}

impl Drop for DevNode {
	fn drop(&mut self) {
		// A failing test's report ends with what its node said.
		if std::thread::panicking() {
			eprintln!("--- the last lines of the node's log ---\n{}", self.log_tail());
		}
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_rpc_address_is_read_from_the_line_the_node_logs() {
		let one = "2026-11-23 11:00:00 Running JSON-RPC server: addr=127.0.0.1:40123,";
		assert_eq!(rpc_address(one).as_deref(), Some("127.0.0.1:40123"));
		let two = "Running JSON-RPC server: addr=[::1]:40999,127.0.0.1:40123";
		assert_eq!(rpc_address(two).as_deref(), Some("127.0.0.1:40123"));
		assert_eq!(rpc_address("Running JSON-RPC server: addr=[::1]:40999,"), None);
		assert_eq!(rpc_address("💤 Idle (0 peers), best: #3"), None);
	}
}
