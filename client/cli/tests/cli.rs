//! The `medledger` command against a real dev node: a patient made with `keys new`, funded by
//! Alice's clinic, registers, grants Bob lab results, sees the grant and the decision, revokes,
//! and is refused on bad input with an error that says what to do; a researcher asks through an
//! inquiry with a sealed note, which the patient sees live with `watch`, and approves narrower.
//! And the load tool `bench-ceiling`, small.

mod common;

use common::Cli;
use medledger_client::testing::DevNode;
use serde_json::Value;
use std::{
	process::{Command, Stdio},
	time::{Duration, Instant},
};

#[test]
fn a_patient_manages_consent_from_the_command_line() {
	let node = DevNode::start();
	let cli = Cli::new(&node.url);

	let zoe = cli.json(&["keys", "new", "--name", "zoe"]);
	let zoe_account = zoe["account"].as_str().expect("an account").to_string();
	assert_eq!(zoe["phrase"].as_str().expect("a phrase").split(' ').count(), 12);
	let listed = cli.json(&["keys", "list"]);
	assert_eq!(listed[0]["name"], "zoe");

	cli.json(&["transfer", "--as", "//Alice", "--to", "zoe", "--amount", "5"]);
	cli.json(&["register", "--as", "zoe"]);

	let grant = cli.json(&[
		"grant",
		"--as",
		"zoe",
		"--to",
		"//Bob",
		"--categories",
		"lab-results,imaging",
		"--except",
		"imaging",
		"--purpose",
		"treatment",
		"--wait",
		"in-block",
	]);
	let grant_id = grant["grant"].as_u64().expect("a grant id");

	let decision = |category: &str| {
		cli.json(&[
			"access",
			"--requester",
			"//Bob",
			"--patient",
			&zoe_account,
			"--category",
			category,
			"--purpose",
			"treatment",
		])
	};
	// The decision reads the finalized chain: wait for the grant to be final.
	let deadline = Instant::now() + Duration::from_secs(60);
	while decision("lab-results")["Allowed"].is_null() {
		assert!(Instant::now() < deadline, "the grant never reached the finalized chain");
		std::thread::sleep(Duration::from_secs(2));
	}
	assert_eq!(decision("lab-results")["Allowed"]["grant"], grant_id);
	assert_eq!(decision("imaging")["Denied"], "Excepted");

	let grants = cli.json(&["grants", "zoe"]);
	assert_eq!(grants[0][0], grant_id);
	let table = cli.run(&["grants", "zoe"]);
	let table = String::from_utf8_lossy(&table.stdout);
	assert!(table.contains("lab-results") && table.contains("treatment"), "{table}");

	cli.json(&["revoke", "--as", "zoe", &grant_id.to_string()]);
	// A revoked grant leaves the index at once: Bob holds no grant any more.
	assert_eq!(decision("lab-results")["Denied"], "NoGrant");

	// Bad input: a clear error, exit code 2, nothing sent.
	let wrong = cli.run(&[
		"grant",
		"--as",
		"zoe",
		"--to",
		"//Bob",
		"--categories",
		"x-rays",
		"--purpose",
		"treatment",
	]);
	assert_eq!(wrong.status.code(), Some(2));
	let message = String::from_utf8_lossy(&wrong.stderr);
	assert!(message.contains("not a record category") && message.contains("imaging"), "{message}");
	// Someone else cannot grant for zoe: the chain refuses.
	let stranger = cli.run(&[
		"grant",
		"--as",
		"//Charlie",
		"--patient",
		"zoe",
		"--to",
		"//Charlie",
		"--categories",
		"lab-results",
		"--purpose",
		"research",
	]);
	assert_eq!(stranger.status.code(), Some(1));
	let refusal = String::from_utf8_lossy(&stranger.stderr);
	assert!(refusal.contains("NotAuthorized"), "{refusal}");

	// Zoe watches her notifications; a researcher asks with a sealed note; zoe approves
	// narrower than asked.
	let watch = Command::new(env!("CARGO_BIN_EXE_medledger"))
		.args(["--url", &cli.url, "--keystore"])
		.arg(cli.keystore.path())
		.args(["watch", &zoe_account, "--count", "1"])
		.stdout(Stdio::piped())
		.stderr(Stdio::null())
		.spawn()
		.expect("watch starts");
	std::thread::sleep(Duration::from_secs(3));
	let inquiry = cli.json(&[
		"inquire",
		"--as",
		"//Dave",
		"--patient",
		"zoe",
		"--categories",
		"lab-results,genomics",
		"--purpose",
		"research",
		"--blocks",
		"1000",
		"--note",
		"cohort study 42",
	]);
	let inquiry_id = inquiry["inquiry"].as_u64().expect("an inquiry id");
	let seen = watch.wait_with_output().expect("watch ends after one notification");
	let seen: Value = serde_json::from_slice(&seen.stdout).expect("one JSON line");
	assert_eq!(seen["kind"], "inquiry");
	assert_eq!(seen["inquiry"], inquiry_id);
	assert_eq!(seen["categories"], serde_json::json!(["lab-results", "genomics"]));
	let pending = cli.json(&["inquiries", "zoe"]);
	assert_eq!(pending[0][0], inquiry_id);
	cli.json(&[
		"answer",
		"--as",
		"zoe",
		&inquiry_id.to_string(),
		"--approve",
		"--categories",
		"lab-results",
		"--blocks",
		"100",
	]);
	let research = cli.json(&[
		"access",
		"--requester",
		"//Dave",
		"--patient",
		"zoe",
		"--category",
		"genomics",
		"--purpose",
		"research",
	]);
	assert_eq!(research["Denied"], "NoGrant");

	// Zoe blocks Dave: his next inquiry is refused by the chain; unblocked, he asks again, and
	// zoe denies it as spam (his deposit is burned).
	let blocked = cli.json(&["block", "--as", "zoe", "//Dave"]);
	assert_eq!(blocked["blocked"], true);
	let ask = [
		"inquire",
		"--as",
		"//Dave",
		"--patient",
		"zoe",
		"--categories",
		"lab-results",
		"--purpose",
		"research",
		"--blocks",
		"10",
	];
	let refused = cli.run(&ask);
	assert_eq!(refused.status.code(), Some(1));
	let refusal = String::from_utf8_lossy(&refused.stderr);
	assert!(refusal.contains("RequesterBlocked"), "{refusal}");
	assert_eq!(cli.json(&["unblock", "--as", "zoe", "//Dave"])["blocked"], false);
	let again = cli.json(&ask)["inquiry"].as_u64().expect("an inquiry id");
	let spam = cli.json(&["answer", "--as", "zoe", &again.to_string(), "--deny", "--spam"]);
	assert_eq!(spam["answer"], "denied as spam");
	// `--spam` means nothing without `--deny`: a clear error, nothing sent.
	let wrong = cli.run(&["answer", "--as", "zoe", &again.to_string(), "--approve", "--spam"]);
	assert_eq!(wrong.status.code(), Some(2));
}

/// `bench-ceiling` on a real node, small: every transaction of each phase is final and counted
/// once, in the blocks that hold it; each grant made is revoked; the weight of a block that
/// holds some is reported.
#[test]
fn the_ceiling_tool_counts_every_transaction_in_the_blocks_that_hold_it() {
	let node = DevNode::start();
	let cli = Cli::new(&node.url);
	let report = cli.json(&["bench-ceiling", "--count", "40", "--senders", "4"]);
	let phases = report["phases"].as_array().expect("phases");
	let names: Vec<&str> = phases.iter().map(|p| p["name"].as_str().expect("a name")).collect();
	assert_eq!(names, ["transfer_keep_alive", "grant", "revoke"]);
	for phase in phases {
		let name = &phase["name"];
		assert_eq!(phase["sent"], 40, "{name}: every sender's grants are revoked, {phase}");
		assert_eq!(phase["included"], 40, "{name}: {phase}");
		assert_eq!(phase["failed"], 0, "{name}: {phase}");
		let per_block: Vec<u64> = phase["per_block"]
			.as_array()
			.expect("per block")
			.iter()
			.map(|n| n.as_u64().expect("a count"))
			.collect();
		assert_eq!(per_block.iter().sum::<u64>(), 40, "{name}: counted once each, {phase}");
		assert_eq!(phase["most_in_a_block"], *per_block.iter().max().expect("a block"));
		let permille = phase["fullest_block_weight_permille"].as_u64().expect("a weight");
		assert!((1..=1000).contains(&permille), "{name}: {phase}");
	}
	assert_eq!(report["transfers_in_a_block"], phases[0]["most_in_a_block"]);
}
