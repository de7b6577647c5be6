//! `medledger`: the command line of MedLedger, for patients, clinics and operators.
//!
//! Every command that signs takes `--as <identity>`: a name in the keystore (its passphrase from
//! `MEDLEDGER_PASSPHRASE`, or asked for), or a development name such as `//Alice` on a dev chain.
//! Accounts are given as SS58 addresses, identity names or development names.
//!
//! A module per area, each a thin layer over `medledger-client`: `keys`, `consent`, `records`,
//! `disclosures`, `clinic`, `council`, `contract`, `study`, `claim`, `bench`; `commands::run`
//! only sends each command to its area. What several areas need lives in leaf modules that
//! import no area: `shared` (the keystore, who signs, accounts by name, shared chain reads),
//! `ink` (contracts by their bundle) and `output`. Domain values (categories, purposes, scopes,
//! amounts, council actions) are typed arguments: clap reads them with the one `FromStr` of
//! each type, in `medledger-primitives` or `medledger_client::types`.

mod bench;
mod ceiling;
mod claim;
mod clinic;
mod commands;
mod consent;
mod contract;
mod council;
mod disclosures;
mod ink;
mod keys;
mod output;
mod records;
mod shared;
mod study;

use clap::{Parser, Subcommand, ValueEnum};
use medledger_client::{
	chain::Wait,
	types::{Amount, CategorySet, CouncilAction, Purpose, RecordCategory, RepresentativeScope},
	Error,
};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
	name = "medledger",
	version,
	about = "Patients in control of who reads their medical records"
)]
pub struct Cli {
	/// The node to talk to.
	#[arg(long, global = true, env = "MEDLEDGER_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Where identities are kept.
	#[arg(long, global = true, env = "MEDLEDGER_KEYSTORE")]
	keystore: Option<PathBuf>,
	/// Print results as JSON, for scripts.
	#[arg(long, global = true)]
	json: bool,
	#[command(subcommand)]
	command: Command,
}

/// How long to wait for a transaction.
#[derive(Clone, Copy, ValueEnum)]
pub enum WaitFor {
	/// Until it is in a block (about 6 s).
	InBlock,
	/// Until it is final (about 12-18 s).
	Finalized,
}

impl From<WaitFor> for Wait {
	fn from(w: WaitFor) -> Self {
		match w {
			WaitFor::InBlock => Wait::InBlock,
			WaitFor::Finalized => Wait::Finalized,
		}
	}
}

#[derive(Subcommand)]
pub enum Command {
	/// Create, recover and list identities (one 12-word phrase each).
	#[command(subcommand)]
	Keys(KeysCommand),
	/// Register as a patient, with your encryption key (pays the deposit).
	Register(RegisterArgs),
	/// Grant access to your records (or, as a representative, to your patient's).
	Grant(GrantArgs),
	/// Revoke a grant: it stops working in the block that includes this.
	Revoke(RevokeArgs),
	/// Who can read a patient's records now, and under which grants.
	Grants(GrantsArgs),
	/// The inquiries waiting for a patient's answer.
	Inquiries(InquiriesArgs),
	/// Answer an inquiry: approve (possibly narrower) or deny.
	Answer(AnswerArgs),
	/// Block a requester from asking a patient again.
	Block(BlockArgs),
	/// Let a blocked requester ask again.
	Unblock(BlockArgs),
	/// Appoint a representative: a guardian, a parent, a legal proxy.
	Appoint(AppointArgs),
	/// A patient's records across every clinic.
	Records(RecordsArgs),
	/// The accounting of disclosures: every release of a patient's records, checked complete.
	Disclosures(DisclosuresArgs),
	/// May a requester read a patient's records of a category for a purpose (finalized chain)?
	Access(AccessArgs),
	/// Live notifications for a patient: inquiries, new records, emergency access, disclosures.
	Watch(WatchArgs),
	/// Ask a patient for access (clinics, insurers, researchers).
	Inquire(InquireArgs),
	/// Open break-glass access to a patient's emergency categories (practitioners).
	BreakGlass(BreakGlassArgs),
	/// Apply to join as a provider (clinics).
	Apply(ApplyArgs),
	/// The provider council: propose, vote, close.
	#[command(subcommand)]
	Council(CouncilCommand),
	/// Contracts by their cargo-contract bundle: approve (council), upload, instantiate, call,
	/// query.
	#[command(subcommand)]
	Contract(ContractCommand),
	/// Research studies (the research-study contract): open, enroll, check, follow-up, close,
	/// show.
	Study(StudyArgs),
	/// Insurance claims (the insurance-claim contract): open a pool, fund, submit, withdraw,
	/// limit, show.
	Claim(ClaimArgs),
	/// Offer an account employment at your clinic; it practises there once it accepts.
	OfferEmployment(OfferEmploymentArgs),
	/// Accept a clinic's offer of employment: you become its practitioner.
	AcceptEmployment(AcceptEmploymentArgs),
	/// Send funds (in MED, the chain's unit) to an account: a clinic funding its staff.
	Transfer(TransferArgs),
	/// Fetch a record from its clinic's gateway, check it against the chain and decrypt it.
	Fetch(FetchArgs),
	/// Upload a FHIR R4 resource (a JSON file) through your clinic's gateway (clinic staff).
	Upload(UploadArgs),
	/// Export your grants as FHIR R4 Consent resources, through a gateway.
	Consents(ConsentsArgs),
	/// Authorised record fetches per second through a gateway, with latency percentiles.
	BenchGateway(bench::GatewayArgs),
	/// Drive a node with many accounts: grants and revokes per second against transfers.
	Bench(bench::BenchArgs),
	/// Fill blocks to the chain's ceiling: transfers, grants and revocations signed in
	/// advance, sent at once, and counted per finalized block.
	BenchCeiling(ceiling::CeilingArgs),
}

// The arguments of the commands above, in their order. No `///` on these structs: clap would
// take it for the command's help text, which the variant's doc gives.

#[derive(clap::Args)]
pub struct RegisterArgs {
	#[arg(long = "as")]
	signer: String,
}

#[derive(clap::Args)]
pub struct GrantArgs {
	#[arg(long = "as")]
	signer: String,
	/// Who may read: a clinic, a practitioner, an insurer, a researcher, a relative.
	#[arg(long)]
	to: String,
	/// Comma-separated categories (`lab-results,imaging`), or `all`.
	#[arg(long)]
	categories: CategorySet,
	/// Categories taken out again (`mental-health`): an exception always wins.
	#[arg(long, default_value = "")]
	except: CategorySet,
	/// treatment, emergency-treatment, research, payment, family-care, patient-request,
	/// public-health.
	#[arg(long)]
	purpose: Purpose,
	/// Let the grantee append records too.
	#[arg(long)]
	append: bool,
	/// End the grant by itself after this many blocks (6 s each).
	#[arg(long)]
	blocks: Option<u32>,
	/// The patient, when you act as their representative.
	#[arg(long)]
	patient: Option<String>,
	#[arg(long, value_enum, default_value = "finalized")]
	wait: WaitFor,
}

#[derive(clap::Args)]
pub struct RevokeArgs {
	#[arg(long = "as")]
	signer: String,
	grant: u64,
	#[arg(long, value_enum, default_value = "finalized")]
	wait: WaitFor,
}

#[derive(clap::Args)]
pub struct GrantsArgs {
	/// The patient (an address or identity name).
	patient: String,
}

#[derive(clap::Args)]
pub struct InquiriesArgs {
	patient: String,
}

#[derive(clap::Args)]
pub struct AnswerArgs {
	#[arg(long = "as")]
	signer: String,
	inquiry: u64,
	/// Approve; without `--categories` and `--blocks`, as asked.
	#[arg(long, conflicts_with = "deny")]
	approve: bool,
	/// Deny.
	#[arg(long)]
	deny: bool,
	/// With `--deny`: the inquiry is spam, and the requester's deposit is burned.
	#[arg(long, requires = "deny")]
	spam: bool,
	/// Approve only these categories.
	#[arg(long)]
	categories: Option<CategorySet>,
	/// Except these.
	#[arg(long, default_value = "")]
	except: CategorySet,
	/// For at most this many blocks.
	#[arg(long)]
	blocks: Option<u32>,
}

// Both `block` and `unblock`.
#[derive(clap::Args)]
pub struct BlockArgs {
	#[arg(long = "as")]
	signer: String,
	/// The patient; the signer themself if not given.
	#[arg(long)]
	patient: Option<String>,
	requester: String,
}

#[derive(clap::Args)]
pub struct AppointArgs {
	#[arg(long = "as")]
	signer: String,
	representative: String,
	/// manage-consent, view-records or full.
	#[arg(long)]
	scope: RepresentativeScope,
	/// The legal basis (a court order's reference, say); only its hash goes on chain.
	#[arg(long)]
	legal_basis: String,
	/// The block at which the appointment ends (a minor comes of age).
	#[arg(long)]
	until: Option<u32>,
}

#[derive(clap::Args)]
pub struct RecordsArgs {
	patient: String,
	/// Decrypt each record's metadata with the patient's identity.
	#[arg(long = "as")]
	signer: Option<String>,
}

#[derive(clap::Args)]
pub struct DisclosuresArgs {
	patient: String,
	/// Read receipts from this block on (0: the whole chain).
	#[arg(long, default_value_t = 0)]
	from: u32,
}

#[derive(clap::Args)]
pub struct AccessArgs {
	#[arg(long)]
	requester: String,
	#[arg(long)]
	patient: String,
	#[arg(long)]
	category: RecordCategory,
	#[arg(long)]
	purpose: Purpose,
}

#[derive(clap::Args)]
pub struct WatchArgs {
	patient: String,
	/// Stop after this many notifications.
	#[arg(long)]
	count: Option<usize>,
}

#[derive(clap::Args)]
pub struct InquireArgs {
	#[arg(long = "as")]
	signer: String,
	#[arg(long)]
	patient: String,
	#[arg(long)]
	categories: CategorySet,
	#[arg(long)]
	purpose: Purpose,
	/// For how many blocks access is wanted.
	#[arg(long)]
	blocks: u32,
	/// A note, sealed to the patient's key before it goes on chain.
	#[arg(long, default_value = "")]
	note: String,
}

#[derive(clap::Args)]
pub struct BreakGlassArgs {
	#[arg(long = "as")]
	signer: String,
	#[arg(long)]
	patient: String,
	/// The stated reason; its hash goes on chain, the clinic keeps the text.
	#[arg(long)]
	reason: String,
}

#[derive(clap::Args)]
pub struct ApplyArgs {
	#[arg(long = "as")]
	signer: String,
	/// The clinic's name.
	#[arg(long)]
	name: String,
	/// Its records gateway.
	#[arg(long)]
	endpoint: String,
}

#[derive(clap::Args)]
pub struct OfferEmploymentArgs {
	#[arg(long = "as")]
	signer: String,
	practitioner: String,
}

#[derive(clap::Args)]
pub struct AcceptEmploymentArgs {
	#[arg(long = "as")]
	signer: String,
	/// The clinic that made the offer.
	provider: String,
}

#[derive(clap::Args)]
pub struct TransferArgs {
	#[arg(long = "as")]
	signer: String,
	#[arg(long)]
	to: String,
	/// How many MED (decimals allowed).
	#[arg(long)]
	amount: Amount,
}

#[derive(clap::Args)]
pub struct FetchArgs {
	#[arg(long = "as")]
	signer: String,
	record: u64,
	#[arg(long)]
	purpose: Purpose,
	/// The gateway; by default the custodian's endpoint in the provider registry.
	#[arg(long)]
	gateway: Option<String>,
}

#[derive(clap::Args)]
pub struct UploadArgs {
	/// The clinic's gateway.
	#[arg(long)]
	gateway: String,
	/// The gateway's staff token.
	#[arg(long, env = "MEDLEDGER_STAFF_TOKEN", hide_env_values = true)]
	staff_token: String,
	/// The patient.
	#[arg(long)]
	patient: String,
	/// The FHIR resource, as JSON.
	file: std::path::PathBuf,
}

#[derive(clap::Args)]
pub struct ConsentsArgs {
	#[arg(long = "as")]
	signer: String,
	#[arg(long)]
	gateway: String,
}

#[derive(Subcommand)]
pub enum KeysCommand {
	/// A new identity: prints its 12-word phrase once; write it down.
	New {
		#[arg(long)]
		name: String,
	},
	/// Recover an identity from its phrase (read from standard input).
	Recover {
		#[arg(long)]
		name: String,
	},
	/// The identities in the keystore.
	List,
}

#[derive(Subcommand)]
pub enum CouncilCommand {
	/// Propose admitting, suspending, reinstating or expelling a provider.
	Propose {
		#[arg(long = "as")]
		signer: String,
		/// admit, suspend, reinstate, expel.
		action: CouncilAction,
		provider: String,
	},
	/// Vote on a motion.
	Vote {
		#[arg(long = "as")]
		signer: String,
		/// The motion's hash, as `propose` printed it.
		motion: String,
		/// The motion's index, as `propose` printed it.
		index: u32,
		/// Vote against (the default is for).
		#[arg(long)]
		nay: bool,
	},
	/// Close a motion once enough votes are in.
	Close {
		#[arg(long = "as")]
		signer: String,
		motion: String,
		index: u32,
	},
	/// Give a closed motion's deposit back to its proposer (anyone may).
	Release {
		#[arg(long = "as")]
		signer: String,
		motion: String,
	},
	/// The open motions.
	Motions,
}

#[derive(Subcommand)]
pub enum ContractCommand {
	/// Propose that the council approve the bundle's code (carried at once by a council of one).
	Approve {
		#[arg(long = "as")]
		signer: String,
		/// The `.contract` file (or `.json` with its `.wasm` beside).
		bundle: String,
	},
	/// Upload approved code; you hold its storage deposit.
	Upload {
		#[arg(long = "as")]
		signer: String,
		bundle: String,
	},
	/// Instantiate uploaded code: prints the contract's address.
	Instantiate {
		#[arg(long = "as")]
		signer: String,
		bundle: String,
		/// The constructor.
		#[arg(long, default_value = "new")]
		constructor: String,
		/// MED to endow the contract with (payable constructors only).
		#[arg(long, default_value = "0")]
		value: Amount,
		/// Makes the address differ from another instance's of the same code and arguments.
		#[arg(long)]
		salt: Option<String>,
		/// The constructor's arguments, in scale-value notation.
		#[arg(allow_hyphen_values = true)]
		args: Vec<String>,
	},
	/// Call a message in a transaction (a dry run first: what would revert is not sent).
	Call {
		#[arg(long = "as")]
		signer: String,
		bundle: String,
		/// The contract's address.
		address: String,
		message: String,
		/// MED to send (payable messages only).
		#[arg(long, default_value = "0")]
		value: Amount,
		#[arg(allow_hyphen_values = true)]
		args: Vec<String>,
	},
	/// Ask a message without a transaction.
	Query {
		/// Whose call it is (the caller the contract sees).
		#[arg(long = "as")]
		signer: String,
		bundle: String,
		address: String,
		message: String,
		#[arg(allow_hyphen_values = true)]
		args: Vec<String>,
	},
}

#[derive(clap::Args)]
pub struct StudyArgs {
	/// The research study's `.contract` bundle; by default the one `scripts/contracts.sh`
	/// builds under `$MEDLEDGER_CONTRACTS_TARGET`.
	#[arg(long, global = true, env = "MEDLEDGER_STUDY_BUNDLE")]
	bundle: Option<PathBuf>,
	#[command(subcommand)]
	command: StudyCommand,
}

#[derive(Subcommand)]
pub enum StudyCommand {
	/// Open a study (researchers); uploads its code first if the council approved it and it is
	/// not on chain yet. Prints the study's address: patients grant it research access.
	Open {
		#[arg(long = "as")]
		signer: String,
		/// The categories the study reads (`lab-results,imaging`).
		#[arg(long)]
		categories: CategorySet,
		/// MED put into the study's budget.
		#[arg(long)]
		budget: Amount,
		/// MED paid to a patient on enrolling.
		#[arg(long)]
		reward: Amount,
		/// MED paid to a participant for the one follow-up.
		#[arg(long, default_value = "0")]
		follow_up_reward: Amount,
		/// How many patients may enroll.
		#[arg(long)]
		participants: u32,
		/// Enrolments and follow-ups end after this many blocks (6 s each).
		#[arg(long)]
		blocks: u32,
		/// The study's protocol document: its hash goes on chain.
		#[arg(long)]
		protocol: PathBuf,
		/// Only patients with a record of one of these classes may enroll, naming it.
		#[arg(long, default_value = "")]
		eligible: CategorySet,
	},
	/// Enroll in a study you granted research access to (patients): you are paid at once.
	Enroll {
		#[arg(long = "as")]
		signer: String,
		study: String,
		/// A record of yours that shows you are eligible, when the study asks for one.
		#[arg(long)]
		evidence: Option<u64>,
	},
	/// Whether a participant's consent still holds; if it is gone, the participation ends.
	Check {
		#[arg(long = "as")]
		signer: String,
		study: String,
		patient: String,
	},
	/// Pay a participant the follow-up reward (researchers); ends the participation instead
	/// if the consent is gone.
	FollowUp {
		#[arg(long = "as")]
		signer: String,
		study: String,
		patient: String,
	},
	/// Close the study from its deadline on and take back what is left (researchers).
	Close {
		#[arg(long = "as")]
		signer: String,
		study: String,
	},
	/// A study's terms, participants and budget; with `--patient`, their participation.
	Show {
		study: String,
		#[arg(long)]
		patient: Option<String>,
	},
}

#[derive(clap::Args)]
pub struct ClaimArgs {
	/// The insurance claim's `.contract` bundle; by default the one `scripts/contracts.sh`
	/// builds under `$MEDLEDGER_CONTRACTS_TARGET`.
	#[arg(long, global = true, env = "MEDLEDGER_CLAIM_BUNDLE")]
	bundle: Option<PathBuf>,
	#[command(subcommand)]
	command: ClaimCommand,
}

#[derive(Subcommand)]
pub enum ClaimCommand {
	/// Open a pool (insurers); uploads its code first if the council approved it and it is
	/// not on chain yet. Prints the pool's address.
	Open {
		#[arg(long = "as")]
		signer: String,
		/// MED put into the pool.
		#[arg(long)]
		pool: Amount,
		/// The largest amount one claim may ask, in MED.
		#[arg(long)]
		max_claim: Amount,
		/// Sets this pool's address apart from another of yours on the same terms.
		#[arg(long)]
		salt: Option<String>,
	},
	/// Add MED to a pool (anyone).
	Fund {
		#[arg(long = "as")]
		signer: String,
		pool: String,
		#[arg(long)]
		amount: Amount,
	},
	/// Claim for a patient's care recorded in your records (clinics); paid at once when the
	/// patient consented to show them to the insurer for payment, refused with the reason.
	Submit {
		#[arg(long = "as")]
		signer: String,
		pool: String,
		#[arg(long)]
		patient: String,
		/// The records the care is in, all held by your clinic: `12,13`.
		#[arg(long)]
		records: String,
		/// MED asked.
		#[arg(long)]
		amount: Amount,
	},
	/// Take MED out of the pool (the insurer).
	Withdraw {
		#[arg(long = "as")]
		signer: String,
		pool: String,
		#[arg(long)]
		amount: Amount,
	},
	/// Set the largest amount one claim may ask (the insurer).
	Limit {
		#[arg(long = "as")]
		signer: String,
		pool: String,
		#[arg(long)]
		max_claim: Amount,
	},
	/// A pool's insurer, balance and limit; with `--claim` or `--record`, a paid claim.
	Show {
		pool: String,
		#[arg(long, conflicts_with = "record")]
		claim: Option<u64>,
		/// The claim that paid for this record.
		#[arg(long)]
		record: Option<u64>,
	},
}

#[tokio::main]
async fn main() {
	let cli = Cli::parse();
	if let Err(error) = commands::run(cli).await {
		eprintln!("error: {error}");
		std::process::exit(match error {
			Error::Invalid(_) | Error::InvalidPhrase(_) => 2,
			_ => 1,
		});
	}
}
