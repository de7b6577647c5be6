//! The example contracts from the command line, on a real dev node, in their own words
//! (`medledger study`, `medledger claim`), with `medledger contract` for the council's approval.
//! Needs the contracts (`scripts/contracts.sh`).
//!
//! - A research study: the council (Alice, the dev chain's one clinic) approves the code; Bob
//!   opens a study (which uploads the code); Zoe is refused without consent, grants the study
//!   research access, enrolls and is paid; after she revokes, `check` ends her participation.
//! - An insurance pool: the council approves the code; Bob, an insurer, opens a pool; Alice's
//!   claim for Zoe's record is refused without Zoe's consent to Bob, paid once she grants it,
//!   and refused the second time; Bob funds, limits and withdraws.

mod common;

use common::Cli;
use medledger_client::{
	calls::NewDocumentSet,
	chain::{MedLedger, Wait},
	testing::DevNode,
	types::{LabelSet, RecordCategory},
	Keys,
};
use serde_json::Value;

fn strs(args: &[String]) -> Vec<&str> {
	args.iter().map(String::as_str).collect()
}

fn bundle(name: &str) -> String {
	let target = std::env::var("MEDLEDGER_CONTRACTS_TARGET").unwrap_or_else(|_| {
		format!("{}/.cache/medledger/contracts-target", std::env::var("HOME").unwrap_or_default())
	});
	let path = format!("{target}/ink/{name}/{name}.contract");
	assert!(std::path::Path::new(&path).exists(), "{path} missing: run scripts/contracts.sh");
	path
}

#[test]
fn a_research_study_from_the_command_line() {
	let study = bundle("research_study");
	let node = DevNode::start();
	let cli = Cli::new(&node.url);
	let protocol = cli.keystore.path().join("protocol.txt");
	std::fs::write(&protocol, "Lab results and cholesterol, 2026-2027.").expect("writes");
	let protocol = protocol.to_str().expect("a UTF-8 path");
	let open = [
		"study",
		"--bundle",
		&study,
		"open",
		"--as",
		"//Bob",
		"--categories",
		"lab-results",
		"--budget",
		"50",
		"--reward",
		"2",
		"--follow-up-reward",
		"1",
		"--participants",
		"10",
		"--blocks",
		"100000",
		"--protocol",
		protocol,
	];

	// Unapproved code is refused, with the chain's reason.
	cli.refused(&open, "NotApproved");
	let approved = cli.json(&["contract", "approve", "--as", "//Alice", &study]);
	assert_eq!(approved["approved"], true, "{approved}");
	let opened = cli.json(&open);
	let address = opened["study"].as_str().expect("an address").to_string();
	let study_of = |args: &[&str]| -> Vec<String> {
		["study", "--bundle", &study].iter().chain(args).map(|a| a.to_string()).collect()
	};
	let run = |args: &[&str]| {
		let args = study_of(args);
		cli.json(&args.iter().map(String::as_str).collect::<Vec<_>>())
	};

	cli.json(&["keys", "new", "--name", "zoe"]);
	cli.json(&["transfer", "--as", "//Alice", "--to", "zoe", "--amount", "5"]);
	cli.json(&["register", "--as", "zoe"]);

	// Without consent: exit 1, the contract's reason, nothing sent.
	let enroll = study_of(&["enroll", "--as", "zoe", &address]);
	let enroll: Vec<&str> = enroll.iter().map(String::as_str).collect();
	cli.refused(&enroll, "NoConsent (NoGrant");

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
	let enrolled = cli.json(&enroll);
	assert_eq!(enrolled["answer"], "Ok (Ok (()))", "{enrolled}");
	assert_eq!(enrolled["events"][0]["event"], "Enrolled", "{enrolled}");
	// Once only.
	cli.refused(&enroll, "AlreadyEnrolled");
	let shown = run(&["show", &address, "--patient", "zoe"]);
	assert_eq!(shown["participants"], 1, "{shown}");
	assert_eq!(shown["participant"]["active"], true, "{shown}");
	// 50 MED less Zoe's 2 MED reward.
	assert_eq!(shown["left"], "48000000000000", "{shown}");
	let checked = run(&["check", "--as", "//Bob", &address, "zoe"]);
	assert_eq!(checked["takes_part"], true, "{checked}");

	// Only the researcher pays the follow-up; Bob does.
	let follow_up = study_of(&["follow-up", "--as", "zoe", &address, "zoe"]);
	cli.refused(&follow_up.iter().map(String::as_str).collect::<Vec<_>>(), "NotResearcher");
	let paid = run(&["follow-up", "--as", "//Bob", &address, "zoe"]);
	assert_eq!(paid["events"][0]["event"], "FollowUpPaid", "{paid}");

	cli.json(&["revoke", "--as", "zoe", &grant_id]);
	let checked = run(&["check", "--as", "//Bob", &address, "zoe"]);
	assert_eq!(checked["answer"], "Ok (false)", "{checked}");
	assert_eq!(checked["events"][0]["event"], "ParticipationEnded", "{checked}");
	let shown = run(&["show", &address, "--patient", "zoe"]);
	assert_eq!(shown["participant"]["active"], false, "{shown}");
	// Before the deadline the study stays open.
	let close = study_of(&["close", "--as", "//Bob", &address]);
	cli.refused(&close.iter().map(String::as_str).collect::<Vec<_>>(), "DeadlineNotReached");
}

#[test]
fn an_insurance_pool_from_the_command_line() {
	let pool_bundle = bundle("insurance_claim");
	let node = DevNode::start();
	let cli = Cli::new(&node.url);
	let claim_of = |args: &[&str]| -> Vec<String> {
		["claim", "--bundle", &pool_bundle].iter().chain(args).map(|a| a.to_string()).collect()
	};
	let run = |args: &[&str]| {
		let args = claim_of(args);
		cli.json(&args.iter().map(String::as_str).collect::<Vec<_>>())
	};
	let refused = |args: &[&str], reason: &str| {
		let args = claim_of(args);
		cli.refused(&args.iter().map(String::as_str).collect::<Vec<_>>(), reason)
	};

	cli.json(&["contract", "approve", "--as", "//Alice", &pool_bundle]);
	let opened = run(&["open", "--as", "//Bob", "--pool", "20", "--max-claim", "5"]);
	let pool = opened["pool"].as_str().expect("an address").to_string();

	// Zoe, a patient, and a record of hers that Alice's clinic holds.
	cli.json(&["keys", "new", "--name", "zoe"]);
	cli.json(&["transfer", "--as", "//Alice", "--to", "zoe", "--amount", "5"]);
	cli.json(&["register", "--as", "zoe"]);
	let zoe = cli.json(&["keys", "list"])[0]["account"].as_str().expect("zoe").to_string();
	let record = tokio::runtime::Runtime::new().expect("a runtime").block_on(async {
		let chain = MedLedger::connect(&node.url).await.expect("connects");
		let set = NewDocumentSet {
			patient: zoe.parse().expect("an address"),
			category: RecordCategory::LabResults,
			labels: LabelSet::empty(),
			content_hash: [7; 32],
			size: 1024,
			sealed_metadata: vec![1],
			supersedes: None,
		};
		let alice = Keys::from_uri("//Alice").expect("a dev key");
		chain.register_document_set(&alice, &set, Wait::InBlock).await.expect("registered").0
	});
	let record = record.0.to_string();
	let submit = ["submit", "--as", "//Alice", &pool, "--patient", "zoe", "--records"];
	let with = |records: &str, amount: &str| -> Vec<String> {
		submit.iter().chain(&[records, "--amount", amount]).map(|a| a.to_string()).collect()
	};

	// Without Zoe's consent to Bob for payment: refused, with the reason.
	refused(&strs(&with(&record, "3")), "NoConsent");
	// Bob is no clinic: refused.
	refused(
		&[
			"submit",
			"--as",
			"//Bob",
			&pool,
			"--patient",
			"zoe",
			"--records",
			&record,
			"--amount",
			"3",
		],
		"NotActiveProvider",
	);
	cli.json(&[
		"grant",
		"--as",
		"zoe",
		"--to",
		"//Bob",
		"--categories",
		"lab-results",
		"--purpose",
		"payment",
		"--wait",
		"in-block",
	]);
	// Above the largest claim: refused.
	refused(&strs(&with(&record, "6")), "AmountNotAllowed");
	let paid = run(&strs(&with(&record, "3")));
	assert_eq!(paid["events"][0]["event"], "ClaimPaid", "{paid}");
	// A record is paid for once.
	refused(&strs(&with(&record, "3")), "AlreadyClaimed");
	let shown = run(&["show", &pool, "--record", &record]);
	assert_eq!(shown["claim"]["id"], 1, "{shown}");
	assert_eq!(shown["claim"]["amount"], "3000000000000", "{shown}");
	assert_eq!(shown["pool"], "17000000000000", "{shown}");

	// The insurer's own calls: anyone funds; only Bob limits and withdraws.
	run(&["fund", "--as", "zoe", &pool, "--amount", "1"]);
	refused(&["withdraw", "--as", "zoe", &pool, "--amount", "1"], "NotInsurer");
	run(&["limit", "--as", "//Bob", &pool, "--max-claim", "2"]);
	run(&["withdraw", "--as", "//Bob", &pool, "--amount", "8"]);
	let shown = run(&["show", &pool]);
	assert_eq!(shown["pool"], "10000000000000", "{shown}");
	assert_eq!(shown["max_claim"], "2000000000000", "{shown}");
	assert_eq!(shown["claim"], Value::Null, "{shown}");
}
