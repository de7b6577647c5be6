//! Consent: registering as a patient, grants and their revocation, inquiries and their answers,
//! blocked requesters, representatives, access decisions, live notifications, and break-glass
//! access.

use crate::{
	output::Output,
	shared::{account, signer},
	AccessArgs, AnswerArgs, AppointArgs, BlockArgs, BreakGlassArgs, GrantArgs, GrantsArgs,
	InquireArgs, InquiriesArgs, RegisterArgs, RevokeArgs, WatchArgs,
};
use futures::StreamExt;
use medledger_client::{
	calls::{NewGrant, Reply},
	chain::{MedLedger, Wait},
	types::{
		AccessDecision, AccessLevel, AccountId, Grant, GrantId, GrantOrigin, InquiryId,
		InquirySummary,
	},
	Error, Keystore,
};
use serde_json::{json, Value};

/// `medledger register`.
pub async fn register(
	store: &Keystore,
	out: Output,
	url: &str,
	args: RegisterArgs,
) -> Result<(), Error> {
	let RegisterArgs { signer: who } = args;
	let keys = signer(store, &who)?;
	let chain = MedLedger::connect(url).await?;
	let included = chain.register_patient(&keys, Wait::Finalized).await?;
	out.line(
		&format!("{} is registered as a patient (block {:?})", keys.account_id(), included.block),
		&json!({ "patient": keys.account_id().to_string(), "block": format!("{:?}", included.block) }),
	);
	Ok(())
}

/// `medledger grant`.
pub async fn grant(store: &Keystore, out: Output, url: &str, args: GrantArgs) -> Result<(), Error> {
	let GrantArgs { signer: who, to, categories, except, purpose, append, blocks, patient, wait } =
		args;
	let keys = signer(store, &who)?;
	let patient = match patient {
		Some(p) => account(store, &p)?,
		None => keys.account_id(),
	};
	let grantee = account(store, &to)?;
	let grant = NewGrant {
		patient,
		grantee: grantee.clone(),
		categories,
		except,
		purpose,
		access: if append { AccessLevel::ReadAppend } else { AccessLevel::Read },
		starts: None,
		ends: None,
	};
	let chain = MedLedger::connect(url).await?;
	let grant = match blocks {
		Some(n) => NewGrant { ends: Some(chain.best_number().await? + n), ..grant },
		None => grant,
	};
	let (id, included) = chain.grant(&keys, &grant, wait.into(), out.progress("grant")).await?;
	out.line(
		&format!("grant {} to {grantee} made", id.0),
		&json!({ "grant": id.0, "grantee": grantee.to_string(), "finalized": included.finalized }),
	);
	Ok(())
}

/// `medledger revoke`.
pub async fn revoke(
	store: &Keystore,
	out: Output,
	url: &str,
	args: RevokeArgs,
) -> Result<(), Error> {
	let RevokeArgs { signer: who, grant, wait } = args;
	let keys = signer(store, &who)?;
	let chain = MedLedger::connect(url).await?;
	let included = chain.revoke(&keys, GrantId(grant), wait.into(), out.progress("revoke")).await?;
	out.line(
		&format!("grant {grant} revoked"),
		&json!({ "grant": grant, "revoked": true, "finalized": included.finalized }),
	);
	Ok(())
}

/// `medledger grants`: who can read a patient's records now, on the finalized chain.
pub async fn grants(
	store: &Keystore,
	out: Output,
	url: &str,
	args: GrantsArgs,
) -> Result<(), Error> {
	let patient = account(store, &args.patient)?;
	let chain = MedLedger::connect(url).await?;
	let grants = chain.grants(&patient, chain.finalized_head().await?).await?;
	let rows = grants
		.iter()
		.map(|(id, g)| {
			vec![
				id.0.to_string(),
				g.grantee.to_string(),
				g.categories.0.to_string(),
				g.except.0.to_string(),
				g.purpose.0.to_string(),
				g.access.0.to_string(),
				g.ends.map_or("never".into(), |b| format!("block {b}")),
				origin_text(&g.origin),
			]
		})
		.collect();
	let values: Vec<Value> = grants.iter().map(|(id, g)| grant_json(*id, g)).collect();
	out.table(
		&["grant", "grantee", "categories", "except", "purpose", "access", "ends", "origin"],
		rows,
		&values,
	);
	Ok(())
}

/// `medledger inquiries`: the inquiries waiting for a patient, on the finalized chain.
pub async fn inquiries(
	store: &Keystore,
	out: Output,
	url: &str,
	args: InquiriesArgs,
) -> Result<(), Error> {
	let patient = account(store, &args.patient)?;
	let chain = MedLedger::connect(url).await?;
	let pending = chain.pending_inquiries(&patient, chain.finalized_head().await?).await?;
	let rows = pending
		.iter()
		.map(|(id, i)| {
			vec![
				id.0.to_string(),
				i.requester.to_string(),
				i.categories.0.to_string(),
				i.purpose.0.to_string(),
				format!("{} blocks", i.duration),
				format!("block {}", i.expires_at),
			]
		})
		.collect();
	let values: Vec<Value> = pending.iter().map(|(id, i)| inquiry_json(*id, i)).collect();
	out.table(&["inquiry", "requester", "categories", "purpose", "for", "expires"], rows, &values);
	Ok(())
}

/// `medledger answer`: approve an inquiry (as asked, or narrower) or deny it.
pub async fn answer(
	store: &Keystore,
	out: Output,
	url: &str,
	args: AnswerArgs,
) -> Result<(), Error> {
	let AnswerArgs { signer: who, inquiry, approve, deny, spam, categories, except, blocks } = args;
	if approve == deny {
		return Err(Error::Invalid("say --approve or --deny".into()));
	}
	let keys = signer(store, &who)?;
	let chain = MedLedger::connect(url).await?;
	let reply = if approve {
		let asked = pending_inquiry(&chain, &keys.account_id(), inquiry).await?;
		let categories = categories.unwrap_or(asked.categories.0);
		Reply::Approve { categories, except, duration: blocks.unwrap_or(asked.duration) }
	} else if spam {
		Reply::DenyAsSpam
	} else {
		Reply::Deny
	};
	chain.answer_inquiry(&keys, InquiryId(inquiry), reply, Wait::Finalized).await?;
	let verdict = match (approve, spam) {
		(true, _) => "approved",
		(false, true) => "denied as spam",
		(false, false) => "denied",
	};
	out.line(
		&format!("inquiry {inquiry} {verdict}"),
		&json!({ "inquiry": inquiry, "answer": verdict }),
	);
	Ok(())
}

/// `block` and `unblock`: the signer (the patient, or a representative naming `--patient`)
/// blocks the requester from asking again, or lifts the block.
pub async fn set_blocked(
	store: &Keystore,
	out: Output,
	url: &str,
	args: BlockArgs,
	blocked: bool,
) -> Result<(), Error> {
	let BlockArgs { signer: who, patient, requester } = args;
	let chain = MedLedger::connect(url).await?;
	let keys = signer(store, &who)?;
	let patient = match patient {
		Some(patient) => account(store, &patient)?,
		None => keys.account_id(),
	};
	let requester = account(store, &requester)?;
	chain.set_blocked(&keys, &patient, &requester, blocked, Wait::Finalized).await?;
	let verdict = if blocked { "blocked" } else { "unblocked" };
	out.line(
		&format!("{requester} {verdict} from asking {patient}"),
		&json!({
			"patient": patient.to_string(),
			"requester": requester.to_string(),
			"blocked": blocked,
		}),
	);
	Ok(())
}

/// `medledger appoint`: a representative for the signer; only the legal basis's hash goes on
/// chain.
pub async fn appoint(
	store: &Keystore,
	out: Output,
	url: &str,
	args: AppointArgs,
) -> Result<(), Error> {
	let AppointArgs { signer: who, representative, scope, legal_basis, until } = args;
	let keys = signer(store, &who)?;
	let representative = account(store, &representative)?;
	let basis = sp_crypto_hashing::blake2_256(legal_basis.as_bytes());
	let chain = MedLedger::connect(url).await?;
	chain
		.appoint_representative(
			&keys,
			&representative,
			scope,
			basis,
			until,
			out.progress("appoint"),
		)
		.await?;
	out.line(
		&format!("{representative} now represents {}", keys.account_id()),
		&json!({ "representative": representative.to_string() }),
	);
	Ok(())
}

/// `medledger access`: the access decision on the finalized chain.
pub async fn access(
	store: &Keystore,
	out: Output,
	url: &str,
	args: AccessArgs,
) -> Result<(), Error> {
	let requester = account(store, &args.requester)?;
	let patient = account(store, &args.patient)?;
	let AccessArgs { category, purpose, .. } = args;
	let chain = MedLedger::connect(url).await?;
	let decision = chain.access_decision(&requester, &patient, category, purpose).await?;
	let text = match decision {
		AccessDecision::Allowed { grant: Some(g) } => format!("allowed, under grant {}", g.0),
		AccessDecision::Allowed { grant: None } => {
			"allowed (the patient or a representative)".into()
		},
		AccessDecision::Denied(why) => format!("denied: {why}"),
	};
	out.line(&text, &decision);
	Ok(())
}

/// `medledger watch`: one JSON line per notification for a patient, on finalized blocks.
pub async fn watch(store: &Keystore, url: &str, args: WatchArgs) -> Result<(), Error> {
	let WatchArgs { patient, count } = args;
	let patient = account(store, &patient)?;
	let chain = MedLedger::connect(url).await?;
	let mut events = Box::pin(chain.watch(patient.clone()).await?);
	eprintln!("watching {patient} on finalized blocks (Ctrl-C to stop)");
	let mut seen = 0;
	while let Some(event) = events.next().await {
		let event = event?;
		let line = serde_json::to_string(&event).map_err(|e| Error::Invalid(e.to_string()))?;
		println!("{line}");
		seen += 1;
		if count.is_some_and(|c| seen >= c) {
			break;
		}
	}
	Ok(())
}

/// `medledger inquire`: ask a patient for access; the note is sealed to the patient's key.
pub async fn inquire(
	store: &Keystore,
	out: Output,
	url: &str,
	args: InquireArgs,
) -> Result<(), Error> {
	let InquireArgs { signer: who, patient, categories, purpose, blocks, note } = args;
	let keys = signer(store, &who)?;
	let patient = account(store, &patient)?;
	let chain = MedLedger::connect(url).await?;
	let sealed = if note.is_empty() {
		Vec::new()
	} else {
		let key = chain
			.patient_key(&patient, chain.finalized_head().await?)
			.await?
			.ok_or_else(|| Error::Invalid(format!("{patient} is not a registered patient")))?;
		medledger_client::seal(&key.0, note.as_bytes())?
	};
	let inquiry = chain
		.inquire(&keys, &patient, categories, purpose, blocks, sealed, out.progress("inquiry"))
		.await?;
	out.line(&format!("inquiry {} sent to {patient}", inquiry.0), &json!({ "inquiry": inquiry.0 }));
	Ok(())
}

/// `medledger break-glass`: emergency access for a practitioner; only the reason's hash goes
/// on chain.
pub async fn break_glass(
	store: &Keystore,
	out: Output,
	url: &str,
	args: BreakGlassArgs,
) -> Result<(), Error> {
	let BreakGlassArgs { signer: who, patient, reason } = args;
	let keys = signer(store, &who)?;
	let patient = account(store, &patient)?;
	let reason = sp_crypto_hashing::blake2_256(reason.as_bytes());
	let chain = MedLedger::connect(url).await?;
	let opened =
		chain.open_emergency_access(&keys, &patient, reason, out.progress("break-glass")).await?;
	out.line(
		&format!(
			"EMERGENCY access to {patient} open under grant {} until block {}; the patient is notified",
			opened.grant.0, opened.ends
		),
		&json!({ "grant": opened.grant.0, "ends": opened.ends }),
	);
	Ok(())
}

/// The inquiry `inquiry` waiting for `patient`'s answer, on the finalized chain.
async fn pending_inquiry(
	chain: &MedLedger,
	patient: &AccountId,
	inquiry: u64,
) -> Result<InquirySummary, Error> {
	let pending = chain.pending_inquiries(patient, chain.finalized_head().await?).await?;
	pending.into_iter().find(|(id, _)| id.0 == inquiry).map(|(_, asked)| asked).ok_or_else(|| {
		Error::Invalid(format!(
			"inquiry {inquiry} is not pending for {patient}: see `medledger inquiries`"
		))
	})
}

/// How a grant came about, for people.
fn origin_text(origin: &GrantOrigin) -> String {
	match origin {
		GrantOrigin::Consent => "consent".into(),
		GrantOrigin::Inquiry(inquiry) => format!("inquiry {}", inquiry.0 .0),
		GrantOrigin::BreakGlass { .. } => "BREAK-GLASS".into(),
	}
}

/// A grant for `--json`: `[id, grant]`, the grant's fields under the runtime's names.
fn grant_json(id: GrantId, grant: &Grant) -> Value {
	let origin = match &grant.origin {
		GrantOrigin::Consent => json!("Consent"),
		GrantOrigin::Inquiry(inquiry) => json!({ "Inquiry": inquiry.0 }),
		GrantOrigin::BreakGlass { provider, reason, flagged } => {
			json!({ "BreakGlass": { "provider": provider, "reason": reason, "flagged": flagged } })
		},
	};
	let fields = json!({
		"patient": grant.patient,
		"grantee": grant.grantee,
		"categories": grant.categories.0,
		"except": grant.except.0,
		"purpose": grant.purpose.0,
		"access": grant.access.0,
		"starts": grant.starts,
		"ends": grant.ends,
		"revoked_at": grant.revoked_at,
		"epoch": grant.epoch,
		"to_provider": grant.to_provider,
		"origin": origin,
	});
	Value::Array(vec![json!(id), fields])
}

/// A pending inquiry for `--json`: `[id, inquiry]`.
fn inquiry_json(id: InquiryId, inquiry: &InquirySummary) -> Value {
	let fields = json!({
		"requester": inquiry.requester,
		"categories": inquiry.categories.0,
		"purpose": inquiry.purpose.0,
		"duration": inquiry.duration,
		"expires_at": inquiry.expires_at,
	});
	Value::Array(vec![json!(id), fields])
}
