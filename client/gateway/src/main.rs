//! `medledger-gateway`: run a clinic's records gateway.

use clap::Parser;
use medledger_client::{chain::MedLedger, Keys};
use medledger_gateway::{
	reporter, resume_uploads, router, store::Store, vault::Vault, Gateway, Settings,
};
use std::{path::PathBuf, time::Duration};

#[derive(Parser)]
#[command(name = "medledger-gateway", version, about = "A clinic's records gateway")]
struct Args {
	/// Where to listen.
	#[arg(long, env = "MEDLEDGER_GATEWAY_LISTEN", default_value = "127.0.0.1:8080")]
	listen: String,
	/// The clinic's node.
	#[arg(long, env = "MEDLEDGER_URL", default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// The database: `sqlite://gateway.db` (the default, a file) or `postgres://user@host/db`.
	#[arg(
		long,
		env = "MEDLEDGER_GATEWAY_DATABASE",
		default_value = "sqlite://medledger-gateway.db"
	)]
	database: String,
	/// The file holding the master key that wraps every record's key (made if missing).
	#[arg(long, env = "MEDLEDGER_GATEWAY_MASTER_KEY", default_value = "medledger-gateway.key")]
	master_key: PathBuf,
	/// The secret URI of the account the gateway acts as on chain: the clinic, or one of its
	/// practitioners (`//Alice` on a dev chain).
	#[arg(long, env = "MEDLEDGER_GATEWAY_IDENTITY", hide_env_values = true)]
	identity: String,
	/// The bearer token clinic staff (the EHR integration) upload with.
	#[arg(long, env = "MEDLEDGER_GATEWAY_STAFF_TOKEN", hide_env_values = true)]
	staff_token: String,
	/// The largest upload, in bytes.
	#[arg(long, default_value_t = 1024 * 1024)]
	max_body: usize,
	/// Requests per second per account.
	#[arg(long, default_value_t = 5.0)]
	rate: f64,
	/// Seconds between disclosure reports.
	#[arg(long, default_value_t = 6)]
	report_every: u64,
}

#[tokio::main]
async fn main() {
	if let Err(e) = run(Args::parse()).await {
		eprintln!("error: {e}");
		std::process::exit(1);
	}
}

async fn run(args: Args) -> Result<(), String> {
	if args.staff_token.len() < 16 {
		return Err("the staff token must be at least 16 characters".into());
	}
	let identity = Keys::from_uri(&args.identity).map_err(|e| e.to_string())?;
	let chain = MedLedger::connect(&args.node).await.map_err(|e| e.to_string())?;
	let store = Store::open(&args.database).await.map_err(|e| e.to_string())?;
	let vault = Vault::open(&args.master_key).map_err(|e| e.to_string())?;
	let settings = Settings {
		staff_token: args.staff_token,
		max_body: args.max_body,
		rate_per_second: args.rate,
		report_every: Duration::from_secs(args.report_every),
		..Settings::default()
	};
	let gateway = Gateway::new(chain, store, vault, identity, settings);
	let resumed = resume_uploads(&gateway).await?;
	if resumed > 0 {
		eprintln!("gateway: finished {resumed} uploads interrupted by the last stop");
	}
	tokio::spawn(reporter::run(gateway.clone()));
	let listener = tokio::net::TcpListener::bind(&args.listen)
		.await
		.map_err(|e| format!("{}: {e}", args.listen))?;
	eprintln!("gateway: listening on http://{}", args.listen);
	axum::serve(listener, router(gateway)).await.map_err(|e| e.to_string())
}
