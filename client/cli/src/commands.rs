//! Which area each command belongs to: `run` opens the keystore and sends the command to its
//! area's module, which does the work on `medledger-client`.

use crate::{
	bench, claim, clinic, consent, contract, council, disclosures, keys,
	output::Output,
	records,
	shared::{keystore, signer},
	study, Cli, Command,
};
use medledger_client::{chain::MedLedger, Error};

pub async fn run(cli: Cli) -> Result<(), Error> {
	let out = Output { json: cli.json };
	let store = keystore(cli.keystore)?;
	let url = cli.url.as_str();
	// `council`, `contract`, `study` and `claim` are given the chain; the other areas connect with
	// `url` themselves, most of them once their input is checked (bad input needs no node).
	let chain = || MedLedger::connect(url);
	match cli.command {
		Command::Keys(command) => keys::run(&store, out, command),
		Command::Register(args) => consent::register(&store, out, url, args).await,
		Command::Grant(args) => consent::grant(&store, out, url, args).await,
		Command::Revoke(args) => consent::revoke(&store, out, url, args).await,
		Command::Grants(args) => consent::grants(&store, out, url, args).await,
		Command::Inquiries(args) => consent::inquiries(&store, out, url, args).await,
		Command::Answer(args) => consent::answer(&store, out, url, args).await,
		Command::Block(args) => consent::set_blocked(&store, out, url, args, true).await,
		Command::Unblock(args) => consent::set_blocked(&store, out, url, args, false).await,
		Command::Appoint(args) => consent::appoint(&store, out, url, args).await,
		Command::Records(args) => records::records(&store, out, url, args).await,
		Command::Disclosures(args) => disclosures::run(&store, out, url, args).await,
		Command::Access(args) => consent::access(&store, out, url, args).await,
		Command::Watch(args) => consent::watch(&store, url, args).await,
		Command::Inquire(args) => consent::inquire(&store, out, url, args).await,
		Command::BreakGlass(args) => consent::break_glass(&store, out, url, args).await,
		Command::Apply(args) => clinic::apply(&store, out, url, args).await,
		Command::Council(command) => council::run(&store, out, &chain().await?, command).await,
		Command::Contract(command) => contract::run(&store, out, &chain().await?, command).await,
		Command::Study(args) => study::run(&store, out, &chain().await?, args).await,
		Command::Claim(args) => claim::run(&store, out, &chain().await?, args).await,
		Command::OfferEmployment(args) => clinic::offer_employment(&store, out, url, args).await,
		Command::AcceptEmployment(args) => clinic::accept_employment(&store, out, url, args).await,
		Command::Transfer(args) => clinic::transfer(&store, out, url, args).await,
		Command::Fetch(args) => records::fetch(&store, out, url, args).await,
		Command::Upload(args) => records::upload(&store, out, args).await,
		Command::Consents(args) => records::consents(&store, args).await,
		Command::BenchGateway(args) => {
			let caller = signer(&store, &args.signer)?;
			bench::gateway(out, &caller, args).await
		},
		Command::Bench(args) => bench::run(url, out, args).await,
		Command::BenchCeiling(args) => crate::ceiling::run(url, out, args).await,
	}
}
