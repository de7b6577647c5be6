//! `medledger bench-ceiling`: how many transfers, grants and revocations one block holds.
//!
//! Unlike `medledger bench`, whose senders wait for each transaction, this fills the pool
//! first: every transaction of a phase is signed in advance (consecutive nonces per sender),
//! then all are handed to the node at once, and each finalized block is counted as it comes.
//! The largest count in a block is the chain's ceiling for that call; the block's consumed
//! weight says whether the weight limit is what stopped it. The phases run one after the
//! other on one node, in one run: transfers, grants (each sender a patient granting to a few
//! grantees), then the revocation of every grant made.

use crate::output::Output;
use futures::future::join_all;
use medledger_client::{
	chain::{Hash, MedLedger},
	reads::BlockLoad,
	runtime,
	types::{
		token::MILLI_UNIT, AccessLevel, AccountId, CategorySet, GrantId, Purpose, RecordCategory,
	},
	Error, Keys,
};
use serde::Serialize;
use std::{
	collections::{BTreeMap, HashSet},
	time::{Duration, Instant},
};
use subxt::{transactions::Payload, utils::Static};

#[derive(clap::Args)]
pub struct CeilingArgs {
	/// Transactions per phase (transfers, grants, revocations).
	#[arg(long, default_value_t = 8000)]
	count: u32,
	/// Accounts that sign them, each a patient; each signs `count / senders` per phase.
	#[arg(long, default_value_t = 100)]
	senders: u32,
	/// Who funds the senders (a development name on a dev chain).
	#[arg(long, default_value = "//Alice")]
	funder: String,
	/// Give up on a phase when no block included any of it for this many seconds.
	#[arg(long, default_value_t = 60)]
	stall: u64,
}

/// The most live grants a patient keeps to one grantee (the runtime's `MaxGrantsPerGrantee`).
const GRANTS_PER_GRANTEE: u32 = 16;
/// For how many blocks the signed transactions stay valid: longer than signing and sending
/// take, or the pool drops the first signed as they expire.
const VALID_FOR: u64 = 256;
/// The most live grants a patient keeps (the runtime's `MaxLiveGrants`).
const LIVE_GRANTS: u32 = 256;

/// What one phase measured.
#[derive(Serialize, Default, Debug, PartialEq)]
pub struct Phase {
	pub name: String,
	pub sent: u64,
	pub included: u64,
	/// Included, but failed in dispatch.
	pub failed: u64,
	/// How many of this phase's transactions each finalized block held, in order (blocks
	/// holding none of them are left out).
	pub per_block: Vec<u64>,
	/// The largest of `per_block`: the chain's ceiling for this call.
	pub most_in_a_block: u64,
	/// The normal-class weight the fullest block consumed, in parts per thousand of the
	/// normal class's limit.
	pub fullest_block_weight_permille: u64,
	/// Seconds from the first submission until the pool had taken the last.
	pub seconds_to_send: f64,
	/// Seconds from the first submission to the last transaction finalized.
	pub seconds_to_final: f64,
}

/// One finalized block, as far as a phase is concerned.
struct Counted {
	ours: u64,
	failed: u64,
	normal_weight: u64,
	/// (patient, grant) of each grant this block made for the phase.
	granted: Vec<(AccountId, GrantId)>,
}

impl Phase {
	fn record(&mut self, block: &Counted, limit: u64) {
		if block.ours == 0 {
			return;
		}
		self.included += block.ours;
		self.failed += block.failed;
		self.per_block.push(block.ours);
		if block.ours > self.most_in_a_block {
			self.most_in_a_block = block.ours;
			self.fullest_block_weight_permille =
				block.normal_weight.saturating_mul(1000) / limit.max(1);
		}
	}
}

pub async fn run(url: &str, out: Output, args: CeilingArgs) -> Result<(), Error> {
	let per_sender = plan(&args)?;
	let chain = MedLedger::connect(url).await?;
	let funder = Keys::from_uri(&args.funder)?;
	let senders: Vec<Keys> = (0..args.senders)
		.map(|i| Keys::from_uri(&format!("//MedLedgerCeiling//{i}")))
		.collect::<Result<_, _>>()?;
	let grantees: Vec<AccountId> = (0..per_sender.div_ceil(GRANTS_PER_GRANTEE))
		.map(|j| Keys::from_uri(&format!("//MedLedgerCeiling//grantee//{j}")))
		.map(|keys| keys.map(|k| k.account_id()))
		.collect::<Result<_, _>>()?;
	eprintln!("ceiling: funding and registering {} senders", senders.len());
	crate::bench::prepare(&chain, &funder, &senders).await?;
	let stall = Duration::from_secs(args.stall);

	let sink = Keys::from_uri("//MedLedgerCeiling//sink")?.account_id();
	let transfer = || runtime::tx().balances().transfer_keep_alive(sink.clone().into(), MILLI_UNIT);
	let calls =
		senders.iter().map(|s| (s, (0..per_sender).map(|_| transfer()).collect())).collect();
	let (transfers, _) = phase(&chain, "transfer_keep_alive", calls, stall).await?;

	let lab_results = Static(CategorySet::of(&[RecordCategory::LabResults]));
	let grant = |patient: &Keys, k: u32| {
		runtime::tx().consent().grant(
			patient.account_id(),
			grantees[(k / GRANTS_PER_GRANTEE) as usize].clone(),
			lab_results.clone(),
			Static(CategorySet::empty()),
			Static(Purpose::Treatment),
			Static(AccessLevel::Read),
			None,
			None,
		)
	};
	let calls =
		senders.iter().map(|s| (s, (0..per_sender).map(|k| grant(s, k)).collect())).collect();
	let (grants, granted) = phase(&chain, "grant", calls, stall).await?;

	// Each patient revokes the grants it made.
	let mut made: BTreeMap<[u8; 32], Vec<GrantId>> = BTreeMap::new();
	for (patient, grant) in granted {
		made.entry(patient.0).or_default().push(grant);
	}
	let calls = senders
		.iter()
		.map(|s| {
			let own = made.get(&s.account_id().0).map(Vec::as_slice).unwrap_or_default();
			(s, own.iter().map(|g| runtime::tx().consent().revoke(Static(*g))).collect())
		})
		.collect();
	let (revokes, _) = phase(&chain, "revoke", calls, stall).await?;

	let report = Report::new(vec![transfers, grants, revokes]);
	let lost: Vec<String> = report
		.phases
		.iter()
		.filter(|p| p.included < p.sent)
		.map(|p| format!("{}: {} of {}", p.name, p.sent - p.included, p.sent))
		.collect();
	if out.json {
		out.line("", &report);
	} else {
		let rows = report.phases.iter().map(|p| report.row(p)).collect();
		out.table(
			&[
				"call",
				"most in a block",
				"× transfers",
				"block weight",
				"final/sent",
				"failed",
				"s to send",
				"s to final",
				"per block",
			],
			rows,
			&report.phases,
		);
	}
	if !lost.is_empty() {
		// Counted as far as they went, but not a ceiling: some never reached a finalized block.
		return Err(Error::Node(format!(
			"transactions never finalized (stalled for --stall seconds): {}",
			lost.join(", ")
		)));
	}
	Ok(())
}

/// The phases, with each call's ceiling next to the transfers'.
#[derive(Serialize)]
struct Report {
	transfers_in_a_block: u64,
	phases: Vec<Phase>,
}

impl Report {
	fn new(phases: Vec<Phase>) -> Self {
		let transfers_in_a_block = phases.first().map_or(0, |p| p.most_in_a_block);
		Self { transfers_in_a_block, phases }
	}

	fn row(&self, p: &Phase) -> Vec<String> {
		vec![
			p.name.clone(),
			p.most_in_a_block.to_string(),
			format!("{:.2}", p.most_in_a_block as f64 / self.transfers_in_a_block.max(1) as f64),
			format!("{:.1}%", p.fullest_block_weight_permille as f64 / 10.0),
			format!("{}/{}", p.included, p.sent),
			p.failed.to_string(),
			format!("{:.1}", p.seconds_to_send),
			format!("{:.1}", p.seconds_to_final),
			p.per_block.iter().map(u64::to_string).collect::<Vec<_>>().join(" "),
		]
	}
}

/// How many transactions each sender signs per phase, or why the arguments cannot work.
fn plan(args: &CeilingArgs) -> Result<u32, Error> {
	if args.senders == 0 || args.count < args.senders || args.count % args.senders != 0 {
		return Err(Error::Invalid(
			"--count must be a positive multiple of --senders (each sender signs as many)".into(),
		));
	}
	let per_sender = args.count / args.senders;
	if per_sender > LIVE_GRANTS {
		return Err(Error::Invalid(format!(
			"{per_sender} grants per sender is more than a patient's {LIVE_GRANTS} live grants: \
			 use more --senders"
		)));
	}
	Ok(per_sender)
}

/// Sign every transaction of the phase (each sender's calls at consecutive nonces), send them
/// all at once, and count finalized blocks until each one is in, or none came for `stall`.
/// Returns what was counted, with (patient, grant) of each grant the phase made.
async fn phase<Call: Payload>(
	chain: &MedLedger,
	name: &str,
	calls: Vec<(&Keys, Vec<Call>)>,
	stall: Duration,
) -> Result<(Phase, Vec<(AccountId, GrantId)>), Error> {
	eprintln!("ceiling: signing the {name} phase");
	let signing = calls.iter().map(|(keys, calls)| async move {
		let first = chain.next_nonce(&keys.account_id()).await?;
		chain.sign_batch(calls, keys, first, VALID_FOR).await
	});
	let signed: Vec<Vec<Vec<u8>>> =
		join_all(signing).await.into_iter().collect::<Result<_, _>>()?;
	let ours: HashSet<Hash> = signed
		.iter()
		.flatten()
		.map(|bytes| Hash::from(sp_crypto_hashing::blake2_256(bytes)))
		.collect();
	let mut phase = Phase { name: name.to_string(), sent: ours.len() as u64, ..Phase::default() };
	let mut granted = Vec::new();
	let mut next = chain.finalized_number().await? + 1;

	eprintln!("ceiling: sending {} transactions", phase.sent);
	let start = Instant::now();
	// Each sender's in nonce order (the pool holds a gap back), all senders at once.
	let sending = signed.iter().map(|own| async move {
		for bytes in own {
			chain.resubmit(bytes).await?;
		}
		Ok::<_, Error>(())
	});
	for sent in join_all(sending).await {
		sent?;
	}
	phase.seconds_to_send = start.elapsed().as_secs_f64();
	eprintln!("ceiling: the pool took them all in {:.1} s", phase.seconds_to_send);
	let mut last_progress = Instant::now();
	while phase.included < phase.sent && last_progress.elapsed() < stall {
		tokio::time::sleep(Duration::from_millis(500)).await;
		let head = chain.finalized_number().await?;
		while next <= head {
			let hash = chain
				.block_hash(next)
				.await?
				.ok_or_else(|| Error::Node(format!("the node has no block {next}")))?;
			let load = chain.block_load(hash).await?;
			let limit = load.normal_limit;
			let counted = count(load, &ours);
			if counted.ours > 0 {
				last_progress = Instant::now();
				phase.seconds_to_final = start.elapsed().as_secs_f64();
			}
			phase.record(&counted, limit);
			granted.extend(counted.granted);
			next += 1;
		}
	}
	eprintln!(
		"ceiling: {name}: {} of {} final, at most {} in a block",
		phase.included, phase.sent, phase.most_in_a_block
	);
	Ok((phase, granted))
}

/// This phase's transactions in a block's load.
fn count(load: BlockLoad, ours: &HashSet<Hash>) -> Counted {
	let mut counted =
		Counted { ours: 0, failed: 0, normal_weight: load.normal_weight, granted: Vec::new() };
	for transaction in load.transactions.into_iter().filter(|t| ours.contains(&t.hash)) {
		counted.ours += 1;
		counted.failed += u64::from(transaction.failed);
		counted.granted.extend(transaction.granted);
	}
	counted
}

#[cfg(test)]
mod tests {
	use super::*;

	fn args(count: u32, senders: u32) -> CeilingArgs {
		CeilingArgs { count, senders, funder: "//Alice".into(), stall: 60 }
	}

	#[test]
	fn a_plan_keeps_each_patient_within_its_live_grants() {
		assert_eq!(plan(&args(8000, 100)).unwrap(), 80);
		assert!(plan(&args(99, 100)).is_err());
		assert!(plan(&args(8001, 100)).is_err(), "every sender signs as many");
		assert!(plan(&args(10, 0)).is_err());
		let too_many = plan(&args(LIVE_GRANTS * 2 + 2, 2)).unwrap_err().to_string();
		assert!(too_many.contains("--senders"), "{too_many}");
	}

	#[test]
	fn the_ceiling_is_the_fullest_block_with_its_weight() {
		let mut phase = Phase::default();
		let block =
			|ours, normal_weight| Counted { ours, failed: 0, normal_weight, granted: Vec::new() };
		phase.record(&block(0, 900), 1000);
		phase.record(&block(5, 500), 1000);
		phase.record(&block(9, 990), 1000);
		phase.record(&block(2, 100), 1000);
		assert_eq!(phase.per_block, vec![5, 9, 2]);
		assert_eq!((phase.most_in_a_block, phase.included), (9, 16));
		assert_eq!(phase.fullest_block_weight_permille, 990);
	}
}
