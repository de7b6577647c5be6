//! `medledger bench`: drives a node with many accounts and measures, in one run, consent calls
//! (grant, then revoke of that grant) against balance transfers: operations per second
//! included and finalized, and latency percentiles from submission to inclusion and to
//! finality.
//!
//! Each bench account keeps `--in-flight` transactions in the pool at once (consecutive nonces),
//! so throughput is limited by the chain, not by waiting for finality one at a time. Accounts
//! are `//MedLedgerBench//<i>` on the development phrase: a run on a dev chain is repeatable.

use crate::output::Output;
use futures::future::join_all;
use medledger_client::{
	chain::{MedLedger, Stage, Wait},
	runtime,
	types::{AccessLevel, AccountId, CategorySet, Purpose, RecordCategory},
	Error, Keys,
};
use serde::Serialize;
use std::{
	sync::Arc,
	time::{Duration, Instant},
};
use subxt::utils::Static;

#[derive(clap::Args)]
pub struct BenchArgs {
	/// How many accounts send at once.
	#[arg(long, default_value_t = 20)]
	accounts: u32,
	/// Transactions each account keeps in flight.
	#[arg(long, default_value_t = 2)]
	in_flight: u32,
	/// Seconds each phase (transfers, then consent) sends for.
	#[arg(long, default_value_t = 60)]
	duration: u64,
	/// Who funds the bench accounts (a development name on a dev chain).
	#[arg(long, default_value = "//Alice")]
	funder: String,
}

/// What one phase measured.
#[derive(Serialize, Default)]
pub struct Phase {
	pub name: String,
	pub seconds: f64,
	pub submitted: u64,
	pub included: u64,
	pub finalized: u64,
	pub failed: u64,
	/// Why operations failed, with how often.
	pub failures: std::collections::BTreeMap<String, u64>,
	pub included_per_second: f64,
	pub finalized_per_second: f64,
	pub inclusion_ms: Percentiles,
	pub finality_ms: Percentiles,
}

#[derive(Serialize, Default)]
pub struct Percentiles {
	pub p50: u64,
	pub p90: u64,
	pub p99: u64,
	pub max: u64,
}

impl Percentiles {
	fn of(mut samples: Vec<u64>) -> Self {
		if samples.is_empty() {
			return Self::default();
		}
		samples.sort_unstable();
		let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
		Self { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1.0) }
	}
}

/// One operation's timings.
#[derive(Default)]
struct Sample {
	inclusion: Option<Duration>,
	finality: Option<Duration>,
	failed: Option<String>,
}

pub async fn run(url: &str, out: Output, args: BenchArgs) -> Result<(), Error> {
	if args.accounts == 0 || args.in_flight == 0 || args.duration == 0 {
		return Err(Error::Invalid(
			"--accounts, --in-flight and --duration must be positive".into(),
		));
	}
	let chain = MedLedger::connect(url).await?;
	let funder = Keys::from_uri(&args.funder)?;
	let accounts: Vec<Keys> = (0..args.accounts)
		.map(|i| Keys::from_uri(&format!("//MedLedgerBench//{i}")))
		.collect::<Result<_, _>>()?;
	eprintln!("bench: funding and registering {} accounts", accounts.len());
	prepare(&chain, &funder, &accounts).await?;

	let duration = Duration::from_secs(args.duration);
	let sink = Keys::from_uri("//MedLedgerBench//sink")?.account_id();
	eprintln!("bench: transfers for {} s", args.duration);
	let transfers =
		phase("transfer_keep_alive", &accounts, args.in_flight, duration, |sender, _| {
			let chain = chain.clone();
			let sink = sink.clone();
			async move {
				let call = runtime::tx().balances().transfer_keep_alive(sink.into(), 1_000_000_000);
				timed(&chain, &call, &sender).await
			}
		})
		.await?;

	eprintln!("bench: grants and revokes for {} s", args.duration);
	let grantee = Keys::from_uri("//MedLedgerBench//grantee")?.account_id();
	let consent = phase("grant+revoke", &accounts, args.in_flight, duration, |sender, _| {
		let chain = chain.clone();
		let grantee = grantee.clone();
		async move { grant_then_revoke(&chain, &sender, grantee).await }
	})
	.await?;

	let phases = vec![transfers, consent];
	if out.json {
		out.line("", &phases);
	} else {
		let rows = phases
			.iter()
			.map(|p| {
				vec![
					p.name.clone(),
					format!("{:.1}", p.included_per_second),
					format!("{:.1}", p.finalized_per_second),
					format!("{}/{}/{}", p.inclusion_ms.p50, p.inclusion_ms.p90, p.inclusion_ms.p99),
					format!("{}/{}/{}", p.finality_ms.p50, p.finality_ms.p90, p.finality_ms.p99),
					format!("{}/{}", p.finalized, p.submitted),
					p.failed.to_string(),
				]
			})
			.collect();
		out.table(
			&[
				"phase",
				"incl/s",
				"final/s",
				"incl ms p50/p90/p99",
				"final ms p50/p90/p99",
				"final/sent",
				"failed",
			],
			rows,
			&phases,
		);
		for phase in &phases {
			for (why, count) in &phase.failures {
				println!("{}: {count} failed: {why}", phase.name);
			}
		}
	}
	Ok(())
}

/// Fund every account (one transfer each from the funder, sent together) and register each as a
/// patient (each signing its own registration, sent together).
pub(crate) async fn prepare(
	chain: &MedLedger,
	funder: &Keys,
	accounts: &[Keys],
) -> Result<(), Error> {
	let first = chain.next_nonce(&funder.account_id()).await?;
	let calls: Vec<_> = accounts
		.iter()
		.map(|keys| {
			runtime::tx()
				.balances()
				.transfer_keep_alive(keys.account_id().into(), 1_000_000_000_000_000)
		})
		.collect();
	let funding = calls
		.iter()
		.zip(first..)
		.map(|(call, nonce)| chain.submit_with_nonce(call, funder, nonce, Wait::InBlock, |_| {}));
	for result in join_all(funding).await {
		result?;
	}
	let registrations = accounts.iter().map(|keys| async move {
		let finalized = chain.finalized_head().await?;
		let known = chain.patient(&keys.account_id(), finalized).await?.is_some();
		if known {
			return Ok(());
		}
		chain.register_patient(keys, Wait::InBlock).await.map(|_| ())
	});
	for result in join_all(registrations).await {
		result?;
	}
	Ok(())
}

/// Each account runs `in_flight` loops of `operation` until `duration` has passed; the loop
/// waits for each operation to be final before the next.
async fn phase<F, Fut>(
	name: &str,
	accounts: &[Keys],
	in_flight: u32,
	duration: Duration,
	operation: F,
) -> Result<Phase, Error>
where
	F: Fn(Sender, u32) -> Fut + Clone,
	Fut: std::future::Future<Output = Vec<Sample>>,
{
	let start = Instant::now();
	let mut loops = Vec::new();
	for keys in accounts {
		let sender = Sender {
			keys: Arc::new(Keys::from_uri(keys.phrase())?),
			nonce: Arc::new(tokio::sync::Mutex::new(None)),
		};
		for lane in 0..in_flight {
			let sender = sender.clone();
			let operation = operation.clone();
			loops.push(async move {
				let mut samples = Vec::new();
				while start.elapsed() < duration {
					samples.extend(operation(sender.clone(), lane).await);
				}
				samples
			});
		}
	}
	let samples: Vec<Sample> = join_all(loops).await.into_iter().flatten().collect();
	let seconds = start.elapsed().as_secs_f64();
	let included = samples.iter().filter(|s| s.inclusion.is_some()).count() as u64;
	let finalized = samples.iter().filter(|s| s.finality.is_some()).count() as u64;
	let ms = |d: &Option<Duration>| d.map(|d| d.as_millis() as u64);
	Ok(Phase {
		name: name.to_string(),
		seconds,
		submitted: samples.len() as u64,
		included,
		finalized,
		failed: samples.iter().filter(|s| s.failed.is_some()).count() as u64,
		failures: samples.iter().filter_map(|s| s.failed.clone()).fold(
			std::collections::BTreeMap::new(),
			|mut m, why| {
				*m.entry(why).or_default() += 1;
				m
			},
		),
		included_per_second: included as f64 / seconds,
		finalized_per_second: finalized as f64 / seconds,
		inclusion_ms: Percentiles::of(samples.iter().filter_map(|s| ms(&s.inclusion)).collect()),
		finality_ms: Percentiles::of(samples.iter().filter_map(|s| ms(&s.finality)).collect()),
	})
}

/// A bench account, shared by its lanes. They take turns from taking a nonce to the pool
/// accepting the transaction; the account's next nonce is kept here (read from the node once,
/// and again after a submission fails), since the node's view lags while blocks are imported.
#[derive(Clone)]
struct Sender {
	keys: Arc<Keys>,
	nonce: Arc<tokio::sync::Mutex<Option<u64>>>,
}

/// Submit `call` from `sender` with the account's next nonce; time it to inclusion and finality.
async fn send<Call: subxt::transactions::Payload>(
	chain: &MedLedger,
	call: &Call,
	sender: &Sender,
) -> (Sample, Option<subxt::extrinsics::ExtrinsicEvents<medledger_client::chain::Config>>) {
	let mut sample = Sample::default();
	let mut turn = Some(sender.nonce.clone().lock_owned().await);
	let known = turn.as_ref().and_then(|t| **t);
	let nonce = match known {
		Some(n) => n,
		None => match chain.next_nonce(&sender.keys.account_id()).await {
			Ok(n) => n,
			Err(e) => {
				sample.failed = Some(e.to_string());
				return (sample, None);
			},
		},
	};
	if let Some(t) = turn.as_mut() {
		**t = Some(nonce + 1);
	}
	let sent = Instant::now();
	let result = chain
		.submit_with_nonce(call, &sender.keys, nonce, Wait::Finalized, |stage| match stage {
			Stage::Submitted => drop(turn.take()),
			Stage::InBlock => sample.inclusion = Some(sent.elapsed()),
			Stage::Finalized => sample.finality = Some(sent.elapsed()),
		})
		.await;
	match result {
		Ok((_, events)) => (sample, Some(events)),
		Err(e) => {
			// Not accepted by the pool: the nonce may be unused; read it again next time.
			if let Some(mut t) = turn.take() {
				*t = None;
			}
			sample.failed = Some(e.to_string());
			(sample, None)
		},
	}
}

/// Submit `call` and time it to inclusion and to finality.
async fn timed<Call: subxt::transactions::Payload>(
	chain: &MedLedger,
	call: &Call,
	sender: &Sender,
) -> Vec<Sample> {
	vec![send(chain, call, sender).await.0]
}

/// A grant of lab results for treatment, then its revocation: two timed operations.
async fn grant_then_revoke(chain: &MedLedger, sender: &Sender, grantee: AccountId) -> Vec<Sample> {
	let call = runtime::tx().consent().grant(
		sender.keys.account_id(),
		grantee,
		Static(CategorySet::of(&[RecordCategory::LabResults])),
		Static(CategorySet::empty()),
		Static(Purpose::Treatment),
		Static(AccessLevel::Read),
		None,
		None,
	);
	let (mut first, events) = send(chain, &call, sender).await;
	let granted = events.and_then(|events| {
		events.find_first::<runtime::consent::events::Granted>().and_then(Result::ok)
	});
	let Some(granted) = granted else {
		first.failed.get_or_insert_with(|| "no Granted event".into());
		return vec![first];
	};
	let revoke = runtime::tx().consent().revoke(granted.grant);
	vec![first, send(chain, &revoke, sender).await.0]
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn percentiles_pick_the_nearest_rank() {
		let p = Percentiles::of((1..=100).collect());
		assert_eq!((p.p50, p.p90, p.p99, p.max), (51, 90, 99, 100));
		let one = Percentiles::of(vec![7]);
		assert_eq!((one.p50, one.max), (7, 7));
		assert_eq!(Percentiles::of(vec![]).max, 0);
	}
}

#[derive(clap::Args)]
pub struct GatewayArgs {
	/// The gateway.
	#[arg(long)]
	gateway: String,
	/// The requester (who holds consent for the record).
	#[arg(long = "as")]
	pub signer: String,
	/// The record to fetch.
	#[arg(long)]
	record: u64,
	/// The purpose the requester states.
	#[arg(long, default_value = "treatment")]
	purpose: Purpose,
	/// Fetches in flight at once.
	#[arg(long, default_value_t = 8)]
	concurrency: u32,
	/// Seconds to fetch for.
	#[arg(long, default_value_t = 30)]
	duration: u64,
	/// Write the body of the first release here, as the gateway sent it: the bytes a static
	/// server serves for comparison (`scripts/bench-gateway.sh`).
	#[arg(long)]
	save_release: Option<std::path::PathBuf>,
}

/// Authorised fetches through a gateway: each one a fresh challenge, a signed request, the
/// gateway's access check on the finalized chain, and the record sealed to the requester (not
/// opened here, so the figure is the gateway's).
pub async fn gateway(out: Output, keys: &Keys, args: GatewayArgs) -> Result<(), Error> {
	let client = medledger_client::gateway::GatewayClient::new(&args.gateway);
	// One fetch first: a refusal stops the run with its reason.
	let first = client.fetch(keys, args.record, args.purpose).await?;
	if let Some(path) = &args.save_release {
		let body = serde_json::to_vec(&first).map_err(|e| Error::Invalid(e.to_string()))?;
		std::fs::write(path, body)
			.map_err(|e| Error::Invalid(format!("cannot write {}: {e}", path.display())))?;
	}
	let duration = Duration::from_secs(args.duration);
	let start = Instant::now();
	let workers = (0..args.concurrency).map(|_| {
		let client = client.clone();
		let purpose = args.purpose;
		async move {
			let (mut ok, mut failed, mut latencies) = (0u64, 0u64, Vec::new());
			while start.elapsed() < duration {
				let sent = Instant::now();
				match client.fetch(keys, args.record, purpose).await {
					Ok(_) => {
						ok += 1;
						latencies.push(sent.elapsed().as_millis() as u64);
					},
					Err(_) => failed += 1,
				}
			}
			(ok, failed, latencies)
		}
	});
	let results = join_all(workers).await;
	let seconds = start.elapsed().as_secs_f64();
	let ok: u64 = results.iter().map(|r| r.0).sum();
	let failed: u64 = results.iter().map(|r| r.1).sum();
	let latency = Percentiles::of(results.into_iter().flat_map(|r| r.2).collect());
	let report = serde_json::json!({
		"fetches": ok,
		"failed": failed,
		"seconds": seconds,
		"per_second": ok as f64 / seconds,
		"latency_ms": latency,
		"concurrency": args.concurrency,
	});
	out.line(
		&format!(
			"{ok} authorised fetches in {seconds:.1} s: {:.1}/s, latency ms p50 {} p90 {} p99 {} ({failed} failed, {} in flight)",
			ok as f64 / seconds,
			latency.p50,
			latency.p90,
			latency.p99,
			args.concurrency
		),
		&report,
	);
	Ok(())
}
