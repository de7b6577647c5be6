//! A contract's life through the client library, on a real dev node: the council (Alice, the
//! dev chain's one clinic) approves the research study's code, Bob uploads it and opens a
//! study, Zoe registers, grants the study research access, enrolls and is paid; after she
//! revokes, `check` ends her participation. Needs the node binary (`scripts/build.sh`) and the
//! contracts (`scripts/contracts.sh`).

use codec::Encode;
use medledger_client::{
	calls::NewGrant,
	chain::{MedLedger, Wait},
	contracts::Bundle,
	runtime::{self, runtime_types::medledger_runtime::RuntimeCall},
	testing::DevNode,
	types::{AccessLevel, CategorySet, Purpose, RecordCategory},
	Keys,
};

fn study_bundle() -> Bundle {
	let target = std::env::var("MEDLEDGER_CONTRACTS_TARGET").unwrap_or_else(|_| {
		format!("{}/.cache/medledger/contracts-target", std::env::var("HOME").unwrap_or_default())
	});
	let path = std::path::Path::new(&target).join("ink/research_study/research_study.contract");
	Bundle::load(&path).unwrap_or_else(|e| panic!("{e}; build the contracts: scripts/contracts.sh"))
}

const UNIT: u128 = 1_000_000_000_000;

#[tokio::test(flavor = "multi_thread")]
async fn the_council_approves_a_study_and_a_patient_with_consent_is_paid_until_she_revokes() {
	let study = study_bundle();
	let node = DevNode::start();
	let chain = MedLedger::connect(&node.url).await.expect("connects");
	let alice = Keys::from_uri("//Alice").expect("a dev key");
	let bob = Keys::from_uri("//Bob").expect("a dev key");
	let zoe = Keys::generate();

	// Without the council's approval the code is refused.
	let refused = chain.upload_code(&bob, &study, Wait::InBlock, |_| {}).await;
	assert!(matches!(&refused, Err(e) if e.to_string().contains("NotApproved")), "{refused:?}");
	// The dev chain's council is Alice alone: a motion needing one vote is carried at once.
	let approve = RuntimeCall::CodeApproval(
		runtime::runtime_types::pallet_code_approval::pallet::Call::approve {
			code_hash: subxt::utils::H256(study.code_hash),
		},
	);
	let length = approve.encoded_size() as u32;
	let motion = runtime::tx().council().propose(1, approve, length);
	chain.submit(&motion, &alice, Wait::InBlock, |_| {}).await.expect("the motion is carried");
	chain.upload_code(&bob, &study, Wait::InBlock, |_| {}).await.expect("approved code uploads");

	// Bob opens a study of lab results: 2 MED a participant, 50 MED budget.
	let args = [
		"(16)".to_string(), // CategorySet of LabResults (bit 4)
		(2 * UNIT).to_string(),
		UNIT.to_string(),
		"10".to_string(),
		"100000".to_string(),
		format!("0x{}", "ab".repeat(32)),
		"(0)".to_string(),
	];
	let (address, _) = chain
		.instantiate(&bob, &study, "new", &args, 50 * UNIT, vec![1], Wait::InBlock, |_| {})
		.await
		.expect("instantiated");

	// Zoe, a patient with some funds, enrolls: refused without consent, with the reason.
	let fund = runtime::tx().balances().transfer_keep_alive(zoe.account_id().into(), 10 * UNIT);
	chain.submit(&fund, &alice, Wait::InBlock, |_| {}).await.expect("funded");
	chain.register_patient(&zoe, Wait::InBlock).await.expect("registered");
	let refused = chain
		.call_contract(&zoe, &address, &study, "enroll", &["None".into()], 0, Wait::InBlock, |_| {})
		.await
		.expect("the dry run answers");
	assert!(refused.reverted);
	assert_eq!(refused.value.to_string(), "Ok (Err (NoConsent (NoGrant ())))");

	// With her research grant to the study: enrolled and paid; the event says so.
	let grant = NewGrant {
		patient: zoe.account_id(),
		grantee: address.clone(),
		categories: CategorySet::of(&[RecordCategory::LabResults]),
		except: CategorySet::empty(),
		purpose: Purpose::Research,
		access: AccessLevel::Read,
		starts: None,
		ends: None,
	};
	let (grant_id, _) = chain.grant(&zoe, &grant, Wait::InBlock, |_| {}).await.expect("granted");
	let enrolled = chain
		.call_contract(&zoe, &address, &study, "enroll", &["None".into()], 0, Wait::InBlock, |_| {})
		.await
		.expect("enrolled");
	assert!(!enrolled.reverted);
	assert_eq!(enrolled.value.to_string(), "Ok (Ok (()))");
	assert_eq!(enrolled.events.first().map(|(label, _)| label.as_str()), Some("Enrolled"));
	let participants =
		chain.query_contract(&bob.account_id(), &address, &study, "participants", &[]).await;
	assert_eq!(participants.expect("answers").value.to_string(), "Ok (1)");

	// She revokes; anyone's `check` ends her participation.
	chain.revoke(&zoe, grant_id, Wait::InBlock, |_| {}).await.expect("revoked");
	let zoe_address = zoe.account_id().to_string();
	let checked = chain
		.call_contract(&bob, &address, &study, "check", &[zoe_address], 0, Wait::InBlock, |_| {})
		.await
		.expect("checked");
	assert_eq!(checked.value.to_string(), "Ok (false)");
	assert_eq!(checked.events.first().map(|(label, _)| label.as_str()), Some("ParticipationEnded"));
}
