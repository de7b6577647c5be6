//! Clinics: applying to join as a provider, employing practitioners, and sending funds (a
//! clinic funding its staff).

use crate::{
	output::Output,
	shared::{account, signer},
	AcceptEmploymentArgs, ApplyArgs, OfferEmploymentArgs, TransferArgs,
};
use medledger_client::{
	chain::{MedLedger, Wait},
	runtime,
	types::EncryptionKey,
	Error, Keystore,
};
use serde_json::json;
use subxt::utils::Static;

/// `medledger apply`: the signer applies to join as a provider; the council votes next.
pub async fn apply(store: &Keystore, out: Output, url: &str, args: ApplyArgs) -> Result<(), Error> {
	let ApplyArgs { signer: who, name, endpoint } = args;
	let keys = signer(store, &who)?;
	let call = runtime::tx().providers().apply(
		name.into_bytes(),
		endpoint.into_bytes(),
		Static(EncryptionKey(keys.encryption_public())),
	);
	let chain = MedLedger::connect(url).await?;
	chain.submit(&call, &keys, Wait::Finalized, out.progress("application")).await?;
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
	let call = runtime::tx().providers().offer_employment(practitioner.clone());
	let chain = MedLedger::connect(url).await?;
	chain.submit(&call, &keys, Wait::Finalized, out.progress("offer")).await?;
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
	let call = runtime::tx().providers().accept_employment(provider.clone());
	let chain = MedLedger::connect(url).await?;
	chain.submit(&call, &keys, Wait::Finalized, out.progress("accept")).await?;
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
	if !(amount.is_finite() && amount > 0.0) {
		return Err(Error::Invalid("the amount must be a positive number of MED".into()));
	}
	let keys = signer(store, &who)?;
	let to = account(store, &to)?;
	// 1 MED = 10^12 planck.
	let planck = (amount * 1e12).round() as u128;
	let call = runtime::tx().balances().transfer_keep_alive(to.clone().into(), planck);
	let chain = MedLedger::connect(url).await?;
	chain.submit(&call, &keys, Wait::Finalized, out.progress("transfer")).await?;
	out.line(
		&format!("sent {amount} MED to {to}"),
		&json!({ "to": to.to_string(), "planck": planck.to_string() }),
	);
	Ok(())
}
