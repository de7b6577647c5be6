//! The records gateway killed at random moments under load (`SIGKILL`, as `kill -9` or the OOM
//! killer would: no shutdown, nothing kept but what was committed), and restarted each time on
//! the same database and master key. A dev node, and the gateway binary as a process of its
//! own; all the while, clinic staff upload small lab results of one registered patient and a
//! grantee fetches them under a grant.
//!
//! Once the gateway has had time to finish (its uploads registered, its releases reported, no
//! transaction of its identity on its way), it is held to what it acknowledged:
//!
//! - every upload answered `201` is on chain exactly once (one document set of the patient with
//!   its content hash, the record the answer named), and the grantee can read it; no content
//!   hash is registered twice at all;
//! - every release answered `200` is among the clinic's disclosure receipts exactly once, and
//!   nothing else is: the receipts on chain and the releases the gateway noted in its database
//!   match one for one, with no receipt twice;
//! - a release noted without a `200` is one the gateway decided but whose answer a kill cut
//!   off: there are no more of them than fetches were under way at the kills.
//!
//! `MEDLEDGER_CRASH_ROUNDS` kills (20), at moments drawn from `MEDLEDGER_CRASH_SEED` (random if
//! unset, and printed to repeat a run). With 6 s blocks it takes five to six minutes:
//! `cargo test -p medledger-gateway --test crash`. Receipts are read from each block's events,
//! which the dev node keeps for its last 256 blocks: keep a run under 25 minutes.

use medledger_client::{
	calls::NewGrant,
	chain::{MedLedger, Wait},
	gateway::{open_release, GatewayClient, Release},
	runtime::{
		self,
		records::events::{Disclosed, ReceiptRefused},
	},
	testing::{free_port, DevNode},
	types::{AccessLevel, AccountId, CategorySet, Purpose, RecordCategory, RecordId},
	Error, Keys,
};
use medledger_gateway::store::Store;
use rand::{rngs::StdRng, Rng, SeedableRng};
use serde_json::{json, Value};
use std::{
	collections::BTreeMap,
	fs::OpenOptions,
	io::Write,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::{
		atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst},
		Arc, Mutex,
	},
	time::{Duration, Instant},
};
use subxt::utils::Static;

const STAFF_TOKEN: &str = "staff-token-of-alice-clinic";
/// Uploads and fetches under way at once.
const UPLOADERS: usize = 3;
const FETCHERS: usize = 2;
/// The shortest and the longest the gateway runs between two kills, in milliseconds. An upload
/// is answered once its document set is final (6 to 18 s): the longer rounds see them answered,
/// the shorter ones cut them off.
const ROUND_MS: std::ops::RangeInclusive<u64> = 2_000..=18_000;
/// How long the load runs on after the last restart, with no kill.
const CALM: Duration = Duration::from_secs(45);
/// How long the gateway may take, after the last kill, to finish what it owes the chain.
const SETTLE: Duration = Duration::from_secs(180);

/// The gateway binary, run as a process of its own so that it dies as a crashed server does.
struct GatewayProcess {
	child: Option<Child>,
	/// `sqlite://…`: one database across every run.
	database: String,
	master_key: PathBuf,
	node: String,
	listen: String,
	/// Its standard output and error, every run appended.
	log: PathBuf,
	base: String,
	runs: usize,
}

impl GatewayProcess {
	fn new(dir: &Path, node: &str) -> Self {
		let port = free_port();
		Self {
			child: None,
			database: format!("sqlite://{}", dir.join("gateway.db").display()),
			master_key: dir.join("master.key"),
			node: node.to_string(),
			listen: format!("127.0.0.1:{port}"),
			log: dir.join("gateway.log"),
			base: format!("http://127.0.0.1:{port}"),
			runs: 0,
		}
	}

	/// Start it (the first time with `--init`, as a new gateway makes its master key) and wait
	/// until it answers.
	async fn start(&mut self, http: &reqwest::Client) {
		self.runs += 1;
		let mut log = OpenOptions::new().create(true).append(true).open(&self.log).unwrap();
		writeln!(log, "--- crash test: run {} ---", self.runs).unwrap();
		let mut command = Command::new(env!("CARGO_BIN_EXE_medledger-gateway"));
		command
			.args(["--database", &self.database, "--node", &self.node, "--listen", &self.listen])
			.arg("--master-key")
			.arg(&self.master_key)
			// Limits the load never meets; reports and retries soon after a restart.
			.args(["--rate", "1000", "--peer-rate", "1000", "--max-finality-lag", "60"])
			.args(["--report-every", "1", "--upload-retry-every", "2"])
			// Secrets from the environment, as in production; none of the runner's own files.
			.env("MEDLEDGER_GATEWAY_IDENTITY", "//Alice")
			.env("MEDLEDGER_GATEWAY_STAFF_TOKEN", STAFF_TOKEN)
			.env_remove("MEDLEDGER_GATEWAY_IDENTITY_FILE")
			.env_remove("MEDLEDGER_GATEWAY_STAFF_TOKEN_FILE")
			.env_remove("MEDLEDGER_GATEWAY_DATABASE_FILE")
			.stdin(Stdio::null())
			.stdout(log.try_clone().unwrap())
			.stderr(log);
		if self.runs == 1 {
			command.arg("--init");
		}
		self.child = Some(command.spawn().expect("the gateway binary starts"));
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			let health = http.get(format!("{}/health", self.base)).send().await;
			if health.is_ok_and(|answer| answer.status().is_success()) {
				return;
			}
			if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
				panic!("the gateway exited at start ({status}):\n{}", self.log_tail());
			}
			assert!(
				Instant::now() < deadline,
				"the gateway did not answer within 60 s:\n{}",
				self.log_tail()
			);
			tokio::time::sleep(Duration::from_millis(100)).await;
		}
	}

	/// `kill -9` (what `Child::kill` sends), and reap it.
	fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			child.kill().expect("killed");
			child.wait().expect("reaped");
		}
	}

	/// The last lines of its log, for a failure's message.
	fn log_tail(&self) -> String {
		let log = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		lines[lines.len().saturating_sub(60)..].join("\n")
	}
}

impl Drop for GatewayProcess {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

/// An upload answered `201`.
#[derive(Clone, Debug)]
struct Uploaded {
	record: u64,
	content_hash: [u8; 32],
	resource: Value,
}

/// What the clients were answered.
#[derive(Default)]
struct Answers {
	uploaded: Vec<Uploaded>,
	/// Releases answered `200`: the record and the grant the answer named.
	released: Vec<(u64, Option<u64>)>,
	/// Uploads answered `202` (stored, waiting for the chain).
	waiting: usize,
	/// Requests cut off by a kill, or sent while the gateway was down.
	cut: usize,
	/// Problems the gateway answered (a challenge issued by a killed gateway, say).
	refused: usize,
	/// What the clients saw that must not be.
	failures: Vec<String>,
}

/// Fetches under way, to bound how many answers the kills can have cut off.
#[derive(Default)]
struct UnderWay {
	now: AtomicUsize,
	started: AtomicUsize,
}

/// A disclosure receipt, as the chain holds it and as the gateway noted the release.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Receipt {
	record: u64,
	requester: String,
	grant: Option<u64>,
	purpose: Purpose,
	released_at: u32,
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
	match std::env::var(name) {
		Ok(value) => value.parse().unwrap_or_else(|_| panic!("{name} is not a number: {value}")),
		Err(_) => default,
	}
}

/// A small lab Observation of Charlie's, the `n`th.
fn lab_result(n: usize) -> Value {
	json!({
		"resourceType": "Observation",
		"id": format!("hba1c-{n}"),
		"status": "final",
		"category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory" }] }],
		"code": { "coding": [{ "system": "http://loinc.org", "code": "4548-4", "display": "Hemoglobin A1c" }] },
		"subject": { "reference": "Patient/charlie" },
		"valueQuantity": { "value": 30 + n % 40, "unit": "mmol/mol" }
	})
}

fn tally<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeMap<T, usize> {
	let mut counts = BTreeMap::new();
	for item in items {
		*counts.entry(item).or_insert(0) += 1;
	}
	counts
}

async fn grant_lab_results(chain: &MedLedger, patient: &Keys, grantee: &Keys) -> u64 {
	let grant = NewGrant {
		patient: patient.account_id(),
		grantee: grantee.account_id(),
		categories: CategorySet::of(&[RecordCategory::LabResults]),
		except: CategorySet::empty(),
		purpose: Purpose::Treatment,
		access: AccessLevel::Read,
		starts: None,
		ends: None,
	};
	chain.grant(patient, &grant, Wait::Finalized, |_| {}).await.expect("granted").0 .0
}

/// Note an upload's answer; how long to wait before the next.
fn note_upload(
	answers: &Mutex<Answers>,
	answer: Result<Value, Error>,
	resource: Value,
) -> Duration {
	let mut answers = answers.lock().unwrap();
	match answer {
		Ok(answer) if answer["status"] == "registered" => {
			let record = answer["record"].as_u64();
			let content_hash = answer["content_hash"]
				.as_str()
				.and_then(|hash| hex::decode(hash).ok())
				.and_then(|hash| hash.try_into().ok());
			match (record, content_hash) {
				(Some(record), Some(content_hash)) => {
					answers.uploaded.push(Uploaded { record, content_hash, resource })
				},
				_ => answers.failures.push(format!("a 201 names no record or hash: {answer}")),
			}
			Duration::ZERO
		},
		Ok(_) => {
			answers.waiting += 1;
			Duration::ZERO
		},
		Err(Error::Node(_)) => {
			answers.cut += 1;
			Duration::from_millis(200)
		},
		Err(_) => {
			answers.refused += 1;
			Duration::from_millis(500)
		},
	}
}

/// Note a fetch's answer; how long to wait before the next.
fn note_release(
	answers: &Mutex<Answers>,
	asked: &Uploaded,
	answer: Result<Release, Error>,
) -> Duration {
	let mut answers = answers.lock().unwrap();
	match answer {
		Ok(release) => {
			if release.record != asked.record
				|| release.content_hash != hex::encode(asked.content_hash)
			{
				answers.failures.push(format!(
					"asked for record {}, released record {} of hash {}",
					asked.record, release.record, release.content_hash
				));
			}
			answers.released.push((release.record, release.grant));
			Duration::from_millis(250)
		},
		Err(Error::Node(_)) => {
			answers.cut += 1;
			Duration::from_millis(200)
		},
		Err(_) => {
			answers.refused += 1;
			Duration::from_millis(500)
		},
	}
}

async fn upload_until_stopped(
	client: GatewayClient,
	patient: String,
	answers: Arc<Mutex<Answers>>,
	next: Arc<AtomicUsize>,
	stop: Arc<AtomicBool>,
) {
	while !stop.load(SeqCst) {
		let resource = lab_result(next.fetch_add(1, SeqCst));
		let answer = client.upload(STAFF_TOKEN, &patient, &resource).await;
		let pause = note_upload(&answers, answer, resource);
		tokio::time::sleep(pause).await;
	}
}

/// The grantee (Dave) fetches records answered `201`, one at random after another.
async fn fetch_until_stopped(
	seed: u64,
	client: GatewayClient,
	answers: Arc<Mutex<Answers>>,
	under_way: Arc<UnderWay>,
	stop: Arc<AtomicBool>,
) {
	let grantee = Keys::from_uri("//Dave").unwrap();
	let mut rng = StdRng::seed_from_u64(seed);
	while !stop.load(SeqCst) {
		let asked = {
			let answers = answers.lock().unwrap();
			let known = answers.uploaded.len();
			(known > 0).then(|| answers.uploaded[rng.gen_range(0..known)].clone())
		};
		let Some(asked) = asked else {
			tokio::time::sleep(Duration::from_millis(200)).await;
			continue;
		};
		// Counted under way before `started`, so that a kill's count misses none (see below).
		under_way.now.fetch_add(1, SeqCst);
		under_way.started.fetch_add(1, SeqCst);
		let answer = client.fetch(&grantee, asked.record, Purpose::Treatment).await;
		under_way.now.fetch_sub(1, SeqCst);
		let pause = note_release(&answers, &asked, answer);
		tokio::time::sleep(pause).await;
	}
}

/// The nonce of `account` on the finalized chain: equal to its next nonce in the node's pool
/// once nothing it sent is still on its way.
async fn finalized_nonce(chain: &MedLedger, account: &AccountId) -> u64 {
	let at = chain.api().at_current_block().await.unwrap();
	let info = at
		.storage()
		.fetch(runtime::storage().system().account(), (*account,))
		.await
		.unwrap()
		.decode()
		.unwrap();
	u64::from(info.nonce)
}

/// The records of `patient` on the finalized chain, by content hash.
async fn document_sets_of(chain: &MedLedger, patient: &AccountId) -> BTreeMap<[u8; 32], Vec<u64>> {
	const PAGE: u32 = 100;
	let at = chain.api().at_current_block().await.unwrap();
	let mut sets: BTreeMap<[u8; 32], Vec<u64>> = BTreeMap::new();
	let mut after: Option<RecordId> = None;
	loop {
		let call = runtime::runtime_apis().records_api().patient_records(
			*patient,
			after.map(Static),
			PAGE,
		);
		let page = at.runtime_apis().call(call).await.unwrap();
		for (id, summary) in &page {
			sets.entry(summary.content_hash.0).or_default().push(id.0 .0);
		}
		match page.last() {
			Some((last, _)) if page.len() == PAGE as usize => after = Some(last.0),
			_ => return sets,
		}
	}
}

/// The disclosure receipts of `patient` on the finalized chain (its `Disclosed` events, block
/// by block), the receipts of releases to `requester` the chain refused, and the count the
/// patient's disclosure log keeps.
async fn receipts_of(
	chain: &MedLedger,
	patient: &AccountId,
	requester: &AccountId,
) -> (Vec<Receipt>, Vec<String>, u64) {
	let finalized = chain.api().at_current_block().await.unwrap();
	let mut receipts = Vec::new();
	let mut refused = Vec::new();
	for number in 1..=finalized.block_number() {
		let block = chain.api().at_block(number).await.unwrap();
		let events = block.events().fetch().await.unwrap();
		for event in events.iter() {
			let event = event.unwrap();
			if let Some(disclosed) = event.decode_fields_as::<Disclosed>() {
				let disclosed = disclosed.unwrap();
				if disclosed.patient == *patient {
					receipts.push(Receipt {
						record: disclosed.record.0 .0,
						requester: disclosed.requester.to_string(),
						grant: disclosed.grant.map(|g| g.0 .0),
						purpose: disclosed.purpose.0,
						released_at: disclosed.released_at,
					});
				}
			}
			if let Some(refusal) = event.decode_fields_as::<ReceiptRefused>() {
				let refusal = refusal.unwrap();
				if refusal.requester == *requester {
					refused.push(format!(
						"record {} in block {number}: {:?}",
						refusal.record.0 .0, refusal.reason
					));
				}
			}
		}
	}
	let log = finalized
		.runtime_apis()
		.call(runtime::runtime_apis().records_api().disclosure_log(*patient))
		.await
		.unwrap();
	(receipts, refused, log.count)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_killed_at_any_moment_keeps_what_it_acknowledged_exactly_once() {
	let rounds: u32 = env_or("MEDLEDGER_CRASH_ROUNDS", 20);
	let seed: u64 = env_or("MEDLEDGER_CRASH_SEED", rand::random());
	eprintln!(
		"crash test: {rounds} kills, seed {seed} (MEDLEDGER_CRASH_SEED={seed} draws the same \
		 moments)"
	);
	let began = Instant::now();
	let mut moments = StdRng::seed_from_u64(seed);

	let node = DevNode::start();
	let chain = MedLedger::connect(&node.url).await.expect("connected");
	let clinic = Keys::from_uri("//Alice").unwrap();
	// Charlie is the patient; Dave, outside Alice's clinic and with a registered key, the
	// grantee. Dev accounts, funded at genesis and each signing for itself: they register at
	// once.
	let patient = Keys::from_uri("//Charlie").unwrap();
	let grantee = Keys::from_uri("//Dave").unwrap();
	let (registered, key_registered) = tokio::join!(
		chain.register_patient(&patient, Wait::Finalized),
		chain.register_patient(&grantee, Wait::Finalized)
	);
	registered.expect("the patient registered");
	key_registered.expect("the grantee's key registered");

	let dir = tempfile::tempdir().unwrap();
	let http = reqwest::Client::new();
	let mut gateway = GatewayProcess::new(dir.path(), &node.url);
	gateway.start(&http).await;
	let client = GatewayClient::new(&gateway.base);
	let patient_address = patient.account_id().to_string();
	let answers = Arc::new(Mutex::new(Answers::default()));
	// The grant, and a first record for the grantee to fetch, at once.
	let first_record = lab_result(0);
	let (grant, first) = tokio::join!(
		grant_lab_results(&chain, &patient, &grantee),
		client.upload(STAFF_TOKEN, &patient_address, &first_record)
	);
	note_upload(&answers, first, lab_result(0));

	let stop = Arc::new(AtomicBool::new(false));
	let under_way = Arc::new(UnderWay::default());
	let next = Arc::new(AtomicUsize::new(1));
	let mut load = Vec::new();
	for _ in 0..UPLOADERS {
		load.push(tokio::spawn(upload_until_stopped(
			client.clone(),
			patient_address.clone(),
			answers.clone(),
			next.clone(),
			stop.clone(),
		)));
	}
	for fetcher in 0..FETCHERS {
		load.push(tokio::spawn(fetch_until_stopped(
			seed.wrapping_add(fetcher as u64 + 1),
			client.clone(),
			answers.clone(),
			under_way.clone(),
			stop.clone(),
		)));
	}

	// The kills. A kill can cut off the answer of a fetch under way when it is sent, or of one
	// started before the process is gone; no other. (`started` is read first: a fetch counted
	// under way after that read is started after it too, and so counted by the difference.)
	let mut cut_off_at_most = 0;
	for round in 1..=rounds {
		let moment = Duration::from_millis(moments.gen_range(ROUND_MS));
		tokio::time::sleep(moment).await;
		let started = under_way.started.load(SeqCst);
		let now = under_way.now.load(SeqCst);
		gateway.kill();
		cut_off_at_most += now + (under_way.started.load(SeqCst) - started);
		eprintln!("crash test: kill {round}/{rounds} after {moment:?}");
		gateway.start(&http).await;
	}
	// A calm spell after the last restart: uploads (each waits for its registration to be
	// final, longer than most spells between kills) complete and are answered.
	tokio::time::sleep(CALM).await;
	stop.store(true, SeqCst);
	for task in load {
		tokio::time::timeout(Duration::from_secs(90), task)
			.await
			.expect("the load stops within 90 s")
			.expect("the load does not panic");
	}
	let answers = std::mem::take(&mut *answers.lock().unwrap());
	assert!(
		answers.uploaded.len() >= 3,
		"only {} uploads answered 201: the test did not exercise uploads (seed {seed})",
		answers.uploaded.len()
	);
	let mut failures = answers.failures;
	let mut released = answers.released;
	eprintln!("crash test: load stopped after {:?}", began.elapsed());

	// The grantee reads every upload answered 201: its release opens, and is what was uploaded.
	for upload in &answers.uploaded {
		match client.fetch(&grantee, upload.record, Purpose::Treatment).await {
			Ok(release) => {
				released.push((release.record, release.grant));
				match open_release(&grantee, &release, &upload.content_hash) {
					Ok(opened) if opened.resource == upload.resource => {},
					Ok(_) => {
						failures.push(format!("record {} opens to another resource", upload.record))
					},
					Err(e) => failures.push(format!("record {} does not open: {e}", upload.record)),
				}
			},
			Err(e) => failures.push(format!(
				"record {} was answered 201 and the grantee cannot read it: {e}",
				upload.record
			)),
		}
	}

	// The gateway finishes what it owes (polled, with a deadline): no upload waiting, no
	// release unreported, no sent transaction it has not settled (a report's releases are not
	// unreported while it is on its way), and no transaction of its identity in the pool or in a
	// block not yet final, where a killed gateway's last transactions may be.
	let store = Store::open(&gateway.database).await.expect("the gateway's database opens");
	let deadline = Instant::now() + SETTLE;
	loop {
		let waiting = store.pending_uploads().await.unwrap().len();
		let unreported = store.unreported(u32::MAX).await.unwrap().len();
		let unsettled = store.sent().await.unwrap().len();
		let pooled = chain.next_nonce(&clinic.account_id()).await.unwrap();
		let settled = finalized_nonce(&chain, &clinic.account_id()).await;
		if waiting == 0 && unreported == 0 && unsettled == 0 && pooled == settled {
			break;
		}
		assert!(
			Instant::now() < deadline,
			"{SETTLE:?} after the last kill the gateway still has {waiting} uploads waiting, \
			 {unreported} releases unreported, {unsettled} sent transactions unsettled and {} \
			 transactions not final (seed {seed}):\n{}",
			pooled.saturating_sub(settled),
			gateway.log_tail()
		);
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
	let quarantined = store.quarantined_uploads().await.unwrap();
	for upload in &quarantined {
		failures.push(format!(
			"upload {} was quarantined: {}",
			hex::encode(upload.upload.content_hash),
			upload.reason
		));
	}

	// Every upload answered 201 is on chain once, as the record it was answered with; and no
	// upload, answered or cut off, is registered twice.
	let document_sets = document_sets_of(&chain, &patient.account_id()).await;
	for upload in &answers.uploaded {
		match document_sets.get(&upload.content_hash).map(Vec::as_slice) {
			Some([record]) if *record == upload.record => {},
			found => failures.push(format!(
				"upload answered 201 as record {} (content hash {}) is on chain as {found:?}",
				upload.record,
				hex::encode(upload.content_hash)
			)),
		}
	}
	for (hash, records) in &document_sets {
		if records.len() > 1 {
			failures.push(format!(
				"content hash {} is registered {} times: records {records:?}",
				hex::encode(hash),
				records.len()
			));
		}
	}

	// The receipts on chain are the releases the gateway noted, one for one. A receipt is a
	// release's record, requester, grant, purpose and the finalized block it was decided on; two
	// releases alike in all of these are counted, not told apart. A receipt the gateway never
	// noted, or one more time than it noted it, is a release reported twice (or invented); one
	// noted and not on chain was lost.
	let noted = store.releases().await.unwrap();
	let (receipts, refusals, logged) =
		receipts_of(&chain, &patient.account_id(), &grantee.account_id()).await;
	if receipts.len() as u64 != logged {
		failures.push(format!(
			"{} receipts in the events, {logged} in the patient's disclosure log",
			receipts.len()
		));
	}
	failures.extend(refusals.into_iter().map(|r| format!("the chain refused a receipt: {r}")));
	let decided = tally(noted.iter().map(|release| Receipt {
		record: release.record,
		requester: release.requester.clone(),
		grant: release.grant,
		purpose: release.purpose.parse().expect("a stored purpose"),
		released_at: release.decided_at,
	}));
	let reported = tally(receipts.iter().cloned());
	for (receipt, &times) in &reported {
		let noted_times = decided.get(receipt).copied().unwrap_or(0);
		if times > noted_times {
			failures.push(format!(
				"{receipt:?} is on chain {times} times, noted {noted_times} times: reported twice"
			));
		}
	}
	for (receipt, &times) in &decided {
		let on_chain = reported.get(receipt).copied().unwrap_or(0);
		if on_chain < times {
			failures
				.push(format!("{receipt:?} was noted {times} times, on chain {on_chain}: lost"));
		}
	}
	// Every release answered 200 was noted before it left (so, by the above, it is on chain
	// once), under the grant.
	let grantee_address = grantee.account_id().to_string();
	let noted_to_grantee =
		tally(noted.iter().filter(|r| r.requester == grantee_address).map(|r| (r.record, r.grant)));
	for (&(record, granted), &times) in &tally(released.iter().copied()) {
		let noted_times = noted_to_grantee.get(&(record, granted)).copied().unwrap_or(0);
		if times > noted_times || granted != Some(grant) {
			failures.push(format!(
				"record {record} was answered 200 {times} times under grant {granted:?}, and \
				 noted {noted_times} times (the grant is {grant})"
			));
		}
	}
	// A receipt with no 200 behind it is acceptable only as a release the gateway decided
	// (noted, so matched above) whose answer a kill cut off between the note and the answer: no
	// more of them than fetches were under way at the kills.
	let unanswered = noted.len().saturating_sub(released.len());
	if unanswered > cut_off_at_most {
		failures.push(format!(
			"{unanswered} releases were noted without their 200, and the kills can have cut off \
			 at most {cut_off_at_most}"
		));
	}

	eprintln!(
		"crash test: {} uploads answered 201, {} answered 202, {} releases answered 200, {} \
		 receipts on chain, {unanswered} releases noted without their 200 (at most \
		 {cut_off_at_most} cut off), {} requests cut off, {} refused; {:?} in all",
		answers.uploaded.len(),
		answers.waiting,
		released.len(),
		receipts.len(),
		answers.cut,
		answers.refused,
		began.elapsed()
	);
	assert!(
		!answers.uploaded.is_empty() && !released.is_empty(),
		"no load: no upload answered 201, or no release answered 200 (seed {seed})"
	);
	let shown: Vec<&String> = failures.iter().take(40).collect();
	assert!(
		failures.is_empty(),
		"{} failures (seed {seed}), the first {}:\n{}\n--- the gateway's log, last lines ---\n{}",
		failures.len(),
		shown.len(),
		shown.iter().map(|f| f.as_str()).collect::<Vec<_>>().join("\n"),
		gateway.log_tail()
	);
}
