//! A research study from the command line, on a real dev node: the council (Alice, the dev
//! chain's one clinic) approves the study's code, Bob uploads it and opens a study, Zoe is
//! refused without consent, grants the study research access, enrolls and is paid; after she
//! revokes, Bob's `check` ends her participation. Needs the contracts (`scripts/contracts.sh`).

use medledger_client::testing::DevNode;
use serde_json::Value;
use std::process::{Command, Output, Stdio};

struct Cli {
	url: String,
	keystore: tempfile::TempDir,
}

impl Cli {
	fn run(&self, args: &[&str]) -> Output {
		Command::new(env!("CARGO_BIN_EXE_medledger"))
			.args(["--url", &self.url, "--keystore"])
			.arg(self.keystore.path())
			// Before the command: its trailing arguments take everything after them.
			.arg("--json")
			.args(args)
			.env("MEDLEDGER_PASSPHRASE", "a long passphrase")
			.stdin(Stdio::null())
			.output()
			.expect("medledger runs")
	}

	fn json(&self, args: &[&str]) -> Value {
		let output = self.run(args);
		assert!(
			output.status.success(),
			"medledger {args:?} failed:\n{}",
			String::from_utf8_lossy(&output.stderr)
		);
		serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
			panic!(
				"medledger {args:?} printed no JSON ({e}): {}",
				String::from_utf8_lossy(&output.stdout)
			)
		})
	}
}

fn bundle() -> String {
	let target = std::env::var("MEDLEDGER_CONTRACTS_TARGET").unwrap_or_else(|_| {
		format!("{}/.cache/medledger/contracts-target", std::env::var("HOME").unwrap_or_default())
	});
	let path = format!("{target}/ink/research_study/research_study.contract");
	assert!(std::path::Path::new(&path).exists(), "{path} missing: run scripts/contracts.sh");
	path
}

#[test]
fn a_research_study_from_the_command_line() {
	let study = bundle();
	let node = DevNode::start();
	let cli = Cli { url: node.url.clone(), keystore: tempfile::tempdir().expect("a temp dir") };

	// Unapproved code is refused, with the chain's reason.
	let refused = cli.run(&["contract", "upload", "--as", "//Bob", &study]);
	assert_eq!(refused.status.code(), Some(1));
	assert!(String::from_utf8_lossy(&refused.stderr).contains("NotApproved"));

	let approved = cli.json(&["contract", "approve", "--as", "//Alice", &study]);
	assert_eq!(approved["approved"], true, "{approved}");
	cli.json(&["contract", "upload", "--as", "//Bob", &study]);
	let made = cli.json(&[
		"contract",
		"instantiate",
		"--as",
		"//Bob",
		&study,
		"--value",
		"50",
		"(16)",
		"2000000000000",
		"1000000000000",
		"10",
		"100000",
		&format!("0x{}", "ab".repeat(32)),
		"(0)",
	]);
	let address = made["address"].as_str().expect("an address").to_string();

	cli.json(&["keys", "new", "--name", "zoe"]);
	cli.json(&["transfer", "--as", "//Alice", "--to", "zoe", "--amount", "5"]);
	cli.json(&["register", "--as", "zoe"]);

	// Without consent: exit 1, the contract's reason, nothing sent.
	let refused = cli.run(&["contract", "call", "--as", "zoe", &study, &address, "enroll", "None"]);
	assert_eq!(refused.status.code(), Some(1));
	assert!(
		String::from_utf8_lossy(&refused.stderr).contains("NoConsent (NoGrant"),
		"{}",
		String::from_utf8_lossy(&refused.stderr)
	);

	let grant = cli.json(&[
		"grant",
		"--as",
		"zoe",
		"--to",
		&address,
		"--categories",
		"lab-results",
		"--purpose",
		"research",
		"--wait",
		"in-block",
	]);
	let grant_id = grant["grant"].as_u64().expect("a grant id").to_string();
	let enrolled =
		cli.json(&["contract", "call", "--as", "zoe", &study, &address, "enroll", "None"]);
	assert_eq!(enrolled["answer"], "Ok (Ok (()))", "{enrolled}");
	assert_eq!(enrolled["events"][0]["event"], "Enrolled", "{enrolled}");
	let count = cli.json(&["contract", "query", "--as", "//Bob", &study, &address, "participants"]);
	assert_eq!(count["answer"], "Ok (1)");

	cli.json(&["revoke", "--as", "zoe", &grant_id]);
	let zoe = cli.json(&["keys", "list"])[0]["account"].as_str().expect("zoe").to_string();
	let checked = cli.json(&["contract", "call", "--as", "//Bob", &study, &address, "check", &zoe]);
	assert_eq!(checked["answer"], "Ok (false)", "{checked}");
	assert_eq!(checked["events"][0]["event"], "ParticipationEnded", "{checked}");
}
