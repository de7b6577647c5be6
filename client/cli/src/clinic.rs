//! Clinics: applying to join as a provider, employing practitioners, and sending funds (a
//! clinic funding its staff).

use crate::{
	output::Output,
	shared::{account, positive, signer},
	AcceptEmploymentArgs, ApplyArgs, OfferEmploymentArgs, TransferArgs,
};
use medledger_client::{Error, Keystore, MedLedger};
use serde_json::json;

/// `medledger apply`: the signer applies to join as a provider; the council votes next.
pub async fn apply(store: &Keystore, out: Output, url: &str, args: ApplyArgs) -> Result<(), Error> {
	let ApplyArgs { signer: who, name, endpoint } = args;
	let keys = signer(store, &who)?;
	let chain = MedLedger::connect(url).await?;
	chain.apply(&keys, &name, &endpoint, out.progress("application")).await?;
	out.line(
		&format!("{} applied; the council votes next", keys.account_id()),
		&json!({ "applicant": keys.account_id().to_string() }),
	);
	Ok(())
}

/// `medledger offer-employment`: the signer's clinic offers an account a post.
pub async fn offer_employment(
	store: &Keystore,
	out: Output,
	url: &str,
	args: OfferEmploymentArgs,
) -> Result<(), Error> {
	let OfferEmploymentArgs { signer: who, practitioner } = args;
	let keys = signer(store, &who)?;
	let practitioner = account(store, &practitioner)?;
	let chain = MedLedger::connect(url).await?;
	chain.offer_employment(&keys, &practitioner, out.progress("offer")).await?;
	out.line(
		&format!(
			"{practitioner} is offered employment at {}; it practises there once it \
			 accepts (`medledger accept-employment`)",
			keys.account_id()
		),
		&json!({ "practitioner": practitioner.to_string() }),
	);
	Ok(())
}

/// `medledger accept-employment`: the signer becomes the clinic's practitioner.
pub async fn accept_employment(
	store: &Keystore,
	out: Output,
	url: &str,
	args: AcceptEmploymentArgs,
) -> Result<(), Error> {
	let AcceptEmploymentArgs { signer: who, provider } = args;
	let keys = signer(store, &who)?;
	let provider = account(store, &provider)?;
	let chain = MedLedger::connect(url).await?;
	chain.accept_employment(&keys, &provider, out.progress("accept")).await?;
	out.line(
		&format!("{} now practises at {provider}", keys.account_id()),
		&json!({ "provider": provider.to_string() }),
	);
	Ok(())
}

/// `medledger transfer`: MED from the signer to an account.
pub async fn transfer(
	store: &Keystore,
	out: Output,
	url: &str,
	args: TransferArgs,
) -> Result<(), Error> {
	let TransferArgs { signer: who, to, amount } = args;
	positive(amount)?;
	let keys = signer(store, &who)?;
	let to = account(store, &to)?;
	let chain = MedLedger::connect(url).await?;
	chain.transfer(&keys, &to, amount, out.progress("transfer")).await?;
	out.line(
		&format!("sent {amount} to {to}"),
		&json!({ "to": to.to_string(), "planck": amount.0.to_string() }),
	);
	Ok(())
}
