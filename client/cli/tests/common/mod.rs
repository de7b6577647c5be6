//! The `medledger` command as the end-to-end tests run it: against one node, with a throwaway
//! keystore whose identities share one passphrase.

use serde_json::Value;
use std::process::{Command, Output, Stdio};

pub struct Cli {
	pub url: String,
	pub keystore: tempfile::TempDir,
}

impl Cli {
	/// The command against the node at `url`, with an empty keystore.
	pub fn new(url: &str) -> Self {
		Self { url: url.to_string(), keystore: tempfile::tempdir().expect("a temp dir") }
	}

	pub fn run(&self, args: &[&str]) -> Output {
		Command::new(env!("CARGO_BIN_EXE_medledger"))
			.args(["--url", &self.url, "--keystore"])
			.arg(self.keystore.path())
			.args(args)
			.env("MEDLEDGER_PASSPHRASE", "a long passphrase")
			.stdin(Stdio::null())
			.output()
			.expect("medledger runs")
	}

	/// Run with `--json` (before the command: trailing arguments take everything after them),
	/// expect success, and parse the output.
	pub fn json(&self, args: &[&str]) -> Value {
		let all: Vec<&str> = ["--json"].iter().chain(args).copied().collect();
		let output = self.run(&all);
		assert!(
			output.status.success(),
			"medledger {args:?} failed:\n{}",
			String::from_utf8_lossy(&output.stderr)
		);
		serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
			panic!(
				"medledger {args:?} printed no JSON ({e}):\n{}",
				String::from_utf8_lossy(&output.stdout)
			)
		})
	}

	/// Runs `args`, which must fail with exit code 1 and a message containing `reason`.
	#[allow(dead_code)] // Not every test binary uses it.
	pub fn refused(&self, args: &[&str], reason: &str) {
		let output = self.run(args);
		let stderr = String::from_utf8_lossy(&output.stderr);
		assert_eq!(output.status.code(), Some(1), "medledger {args:?}: {stderr}");
		assert!(stderr.contains(reason), "medledger {args:?} said: {stderr}");
	}
}
