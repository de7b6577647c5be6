//! `medledger-gateway`: run a clinic's records gateway.
//!
//! Secrets never come from the command line, where `ps` shows them to every user of the
//! machine: the signing identity and the staff token come from an environment variable or a
//! file, and a database URL with a password likewise.

use clap::{parser::ValueSource, ArgMatches, CommandFactory, FromArgMatches, Parser};
use medledger_client::{chain::MedLedger, Keys};
use medledger_gateway::{
	cors, reporter, router, secrets, sent, store::Store, uploads, vault::Vault, Gateway, Settings,
};
use std::{
	net::SocketAddr,
	path::{Path, PathBuf},
	sync::Arc,
	time::Duration,
};
use zeroize::Zeroizing;

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
	/// A URL with a password goes in the environment variable or in a file
	/// (`--database-file`), not on the command line.
	#[arg(
		long,
		env = "MEDLEDGER_GATEWAY_DATABASE",
		hide_env_values = true,
		default_value = "sqlite://medledger-gateway.db"
	)]
	database: String,
	/// A file holding the database URL (instead of `--database`).
	#[arg(long, env = "MEDLEDGER_GATEWAY_DATABASE_FILE")]
	database_file: Option<PathBuf>,
	/// The file holding the master key that wraps every record's key. It must exist unless
	/// `--init` is given.
	#[arg(long, env = "MEDLEDGER_GATEWAY_MASTER_KEY", default_value = "medledger-gateway.key")]
	master_key: PathBuf,
	/// Make the master key: for a new gateway, once. Refused if the database holds records
	/// already (a new key could not read them).
	#[arg(long)]
	init: bool,
	/// The secret URI of the account the gateway acts as on chain: the clinic, or one of its
	/// practitioners (`//Alice` on a dev chain). From the environment variable only; or give
	/// `--identity-file`.
	#[arg(long, env = "MEDLEDGER_GATEWAY_IDENTITY", hide_env_values = true)]
	identity: Option<String>,
	/// A file holding the secret URI of the gateway's identity.
	#[arg(long, env = "MEDLEDGER_GATEWAY_IDENTITY_FILE")]
	identity_file: Option<PathBuf>,
	/// The bearer token clinic staff (the EHR integration) upload with (at least 16
	/// characters). From the environment variable only; or give `--staff-token-file`.
	#[arg(long, env = "MEDLEDGER_GATEWAY_STAFF_TOKEN", hide_env_values = true)]
	staff_token: Option<String>,
	/// A file holding the staff token.
	#[arg(long, env = "MEDLEDGER_GATEWAY_STAFF_TOKEN_FILE")]
	staff_token_file: Option<PathBuf>,
	/// The largest upload, in bytes.
	#[arg(long, default_value_t = 1024 * 1024)]
	max_body: usize,
	/// Requests per second per account (burst 20), counted once the signature verified.
	#[arg(long, default_value_t = 5.0)]
	rate: f64,
	/// Requests per second per peer address (burst 60), counted before anything else.
	#[arg(long, default_value_t = 20.0)]
	peer_rate: f64,
	/// Seconds the finalized head may lag (by its timestamp) for the gateway to release records.
	#[arg(long, env = "MEDLEDGER_GATEWAY_MAX_FINALITY_LAG", default_value_t = 60)]
	max_finality_lag: u64,
	/// Seconds between disclosure reports.
	#[arg(long, default_value_t = 6)]
	report_every: u64,
	/// Seconds between tries of uploads waiting for the chain.
	#[arg(long, default_value_t = 30)]
	upload_retry_every: u64,
	/// An origin whose pages may call the gateway from a browser (the patient portal's), exactly
	/// as browsers send it: `scheme://host[:port]`, e.g. `https://portal.clinic.example`, or
	/// `http://127.0.0.1:5173` in development: `http` only for a loopback host (`127.0.0.1`,
	/// `localhost`, `[::1]`). Repeat the option, or separate origins with commas (as in the
	/// environment variable). None by default: no CORS header is sent. `*` is refused: the
	/// gateway vouches for each origin.
	#[arg(
		long = "cors-origin",
		env = "MEDLEDGER_GATEWAY_CORS_ORIGINS",
		value_name = "ORIGIN",
		value_delimiter = ',',
		value_parser = cors::Origin::parse
	)]
	cors_origins: Vec<cors::Origin>,
}

#[tokio::main]
async fn main() {
	let matches = Args::command().get_matches();
	let args = match Args::from_arg_matches(&matches) {
		Ok(args) => args,
		Err(e) => e.exit(),
	};
	if let Err(e) = run(args, &matches).await {
		eprintln!("error: {e}");
		std::process::exit(1);
	}
}

/// A secret, from its environment variable or its file; never from the command line.
fn secret(
	matches: &ArgMatches,
	name: &str,
	value: Option<String>,
	file: Option<&Path>,
) -> Result<Option<Zeroizing<String>>, String> {
	let flag = name.replace('_', "-");
	let variable = format!("MEDLEDGER_GATEWAY_{}", name.to_ascii_uppercase());
	if matches.value_source(name) == Some(ValueSource::CommandLine) {
		return Err(format!(
			"--{flag} on the command line shows in `ps` to every user of the machine: put it in \
			 ${variable} or in a file given with --{flag}-file"
		));
	}
	match (value, file) {
		(Some(_), Some(_)) => Err(format!("give --{flag} or --{flag}-file, not both")),
		(Some(value), None) => Ok(Some(Zeroizing::new(value))),
		(None, Some(path)) => secrets::read(path).map(Some),
		(None, None) => Ok(None),
	}
}

/// What the gateway does beside answering requests. First, what the last run sent and did not
/// see settled is settled (sent again, byte for byte, or found final): only then are uploads
/// resumed and releases reported, so that none is sent twice. Then uploads interrupted by the
/// last stop are finished (a refused one is quarantined, one that cannot be registered now is
/// tried again later) and releases reported, each round settling first. None of it stops the
/// gateway from starting.
async fn background(gateway: Arc<Gateway>) {
	sent::settle(&gateway).await;
	tokio::spawn(uploads::run(gateway.clone()));
	reporter::run(gateway).await;
}

async fn run(args: Args, matches: &ArgMatches) -> Result<(), String> {
	let identity = secret(matches, "identity", args.identity, args.identity_file.as_deref())?
		.ok_or(
		"the gateway needs its identity: set $MEDLEDGER_GATEWAY_IDENTITY or give --identity-file",
	)?;
	let staff_token =
		secret(matches, "staff_token", args.staff_token, args.staff_token_file.as_deref())?.ok_or(
			"the gateway needs a staff token: set $MEDLEDGER_GATEWAY_STAFF_TOKEN or give \
				 --staff-token-file",
		)?;
	if staff_token.len() < 16 {
		return Err("the staff token must be at least 16 characters".into());
	}
	let database = match args.database_file.as_deref() {
		Some(path) => {
			if matches.value_source("database").is_some_and(|s| s != ValueSource::DefaultValue) {
				return Err("give --database or --database-file, not both".into());
			}
			secrets::read(path)?
		},
		None => {
			if matches.value_source("database") == Some(ValueSource::CommandLine)
				&& secrets::url_has_password(&args.database)
			{
				return Err(
					"the database URL holds a password: on the command line `ps` shows it \
				            to every user; put the URL in $MEDLEDGER_GATEWAY_DATABASE or in a \
				            file given with --database-file"
						.into(),
				);
			}
			Zeroizing::new(args.database)
		},
	};
	if args.rate <= 0.0 || args.peer_rate <= 0.0 {
		return Err("--rate and --peer-rate must be positive".into());
	}
	let identity = Keys::from_uri(&identity).map_err(|e| e.to_string())?;
	let store = Store::open(&database).await.map_err(|e| e.to_string())?;
	let vault = if args.init && !args.master_key.exists() {
		if store.holds_records().await.map_err(|e| e.to_string())? {
			return Err(format!(
				"--init: the database holds records already, and a new master key could not read \
				 them; give the master key they were stored under (--master-key, now {})",
				args.master_key.display()
			));
		}
		let vault = Vault::create(&args.master_key).map_err(|e| e.to_string())?;
		eprintln!(
			"gateway: made a new master key in {}: back it up; without it no record can be read",
			args.master_key.display()
		);
		vault
	} else {
		Vault::open(&args.master_key).map_err(|e| e.to_string())?
	};
	let chain = MedLedger::connect(&args.node).await.map_err(|e| e.to_string())?;
	let settings = Settings {
		staff_token: staff_token.as_str().to_owned(),
		max_body: args.max_body,
		rate_per_second: args.rate,
		peer_rate_per_second: args.peer_rate,
		max_finality_lag: Duration::from_secs(args.max_finality_lag),
		report_every: Duration::from_secs(args.report_every),
		upload_retry_every: Duration::from_secs(args.upload_retry_every),
		cors_origins: args.cors_origins,
		..Settings::default()
	};
	let gateway = Gateway::new(chain, store, vault, identity, settings).await?;
	eprintln!("gateway: answering for clinic {}", gateway.custodian);
	if !gateway.settings.cors_origins.is_empty() {
		let origins: Vec<String> =
			gateway.settings.cors_origins.iter().map(ToString::to_string).collect();
		eprintln!("gateway: pages may call it from {}", origins.join(", "));
	}
	tokio::spawn(background(gateway.clone()));
	let listener = tokio::net::TcpListener::bind(&args.listen)
		.await
		.map_err(|e| format!("{}: {e}", args.listen))?;
	eprintln!("gateway: listening on http://{}", args.listen);
	axum::serve(listener, router(gateway).into_make_service_with_connect_info::<SocketAddr>())
		.await
		.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn parse(args: &[&str]) -> Result<Args, clap::Error> {
		let matches =
			Args::command().try_get_matches_from([&["medledger-gateway"][..], args].concat())?;
		Args::from_arg_matches(&matches)
	}

	#[test]
	fn cors_origins_are_repeated_or_comma_separated() {
		let args = parse(&[
			"--cors-origin",
			"http://127.0.0.1:5173",
			"--cors-origin",
			"http://localhost:5173,https://portal.clinic.example",
		])
		.unwrap();
		let origins: Vec<String> = args.cors_origins.iter().map(ToString::to_string).collect();
		assert_eq!(
			origins,
			["http://127.0.0.1:5173", "http://localhost:5173", "https://portal.clinic.example"]
		);
	}

	#[test]
	fn a_wildcard_a_path_or_garbage_stops_the_gateway_at_start_saying_why() {
		for (origin, says) in [
			("*", "`*` is refused"),
			("http://127.0.0.1:5173/", "no path"),
			("https://portal.clinic.example/app", "no path"),
			("garbage", "is not an origin"),
			("http://127.0.0.1:5173,*", "`*` is refused"),
		] {
			let Err(refused) = parse(&["--cors-origin", origin]) else {
				panic!("{origin} was taken")
			};
			assert_eq!(refused.kind(), clap::error::ErrorKind::ValueValidation, "{origin}");
			let refused = refused.to_string();
			assert!(refused.contains("--cors-origin"), "{refused}");
			assert!(refused.contains(says), "{origin}: {refused}");
		}
	}
}
