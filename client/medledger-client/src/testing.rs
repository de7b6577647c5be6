//! For end-to-end tests of the clients: a real development node on free ports, stopped when
//! dropped.

use std::{
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// A `medledger-node --dev --tmp` of its own.
pub struct DevNode {
	child: Child,
	/// Its JSON-RPC endpoint.
	pub url: String,
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

/// A port nobody listens on now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.unwrap_or_else(|e| panic!("no free port: {e}"))
}

impl DevNode {
	/// Start a node and wait until its RPC answers. Panics (it is for tests) if it cannot.
	pub fn start() -> Self {
		let (rpc, p2p) = (free_port(), free_port());
		let binary = node_binary();
		assert!(binary.exists(), "no node at {}: build the workspace first", binary.display());
		let child = Command::new(&binary)
			.args(["--dev", "--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
			.args(["--rpc-port", &rpc.to_string(), "--port", &p2p.to_string()])
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.unwrap_or_else(|e| panic!("{} does not start: {e}", binary.display()));
		let node = Self { child, url: format!("ws://127.0.0.1:{rpc}") };
		let deadline = Instant::now() + Duration::from_secs(90);
		while std::net::TcpStream::connect(("127.0.0.1", rpc)).is_err() {
			assert!(Instant::now() < deadline, "the node's RPC never opened");
			std::thread::sleep(Duration::from_millis(300));
		}
		node
	}
}

impl Drop for DevNode {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}
