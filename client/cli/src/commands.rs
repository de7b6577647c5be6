//! What each command does.

use crate::{output::Output, Cli, Command, KeysCommand};
use futures::StreamExt;
use medledger_client::{
	chain::{MedLedger, NewGrant, Reply, Wait},
	gateway::{open_release, GatewayClient},
	runtime,
	types::{
		category_names, parse_categories, parse_category, parse_purpose, AccessDecision,
		AccessLevel, AccountId, CategorySet, Grant, GrantId, GrantOrigin, InquiryId,
		InquirySummary, RecordId, RecordSummary,
	},
	Error, Keys, Keystore,
};
use serde_json::{json, Value};
use std::path::PathBuf;
use subxt::utils::Static;

/// The keystore: `--keystore`, else `$MEDLEDGER_KEYSTORE`, else `~/.medledger/keystore`.
fn keystore(dir: Option<PathBuf>) -> Result<Keystore, Error> {
	let dir = match dir {
		Some(dir) => dir,
		None => {
			let home = std::env::var_os("HOME").ok_or_else(|| {
				Error::Invalid("no home directory: give the keystore with --keystore".into())
			})?;
			PathBuf::from(home).join(".medledger").join("keystore")
		},
	};
	Keystore::open(dir)
}

fn passphrase(prompt: &str) -> Result<String, Error> {
	if let Ok(p) = std::env::var("MEDLEDGER_PASSPHRASE") {
		return Ok(p);
	}
	rpassword::prompt_password(prompt).map_err(|e| {
		Error::Invalid(format!("cannot read the passphrase: {e}; set MEDLEDGER_PASSPHRASE"))
	})
}

/// The keys of `who`: a development name (`//Alice`) or an identity in the keystore.
pub(crate) fn signer(store: &Keystore, who: &str) -> Result<Keys, Error> {
	if who.starts_with("//") {
		return Keys::from_uri(who);
	}
	store.load(who, &passphrase(&format!("passphrase for '{who}': "))?)
}

/// An account from an SS58 address, a development name or an identity name.
pub(crate) fn account(store: &Keystore, who: &str) -> Result<AccountId, Error> {
	if who.starts_with("//") {
		return Ok(Keys::from_uri(who)?.account_id());
	}
	if let Ok(id) = who.parse::<AccountId>() {
		return Ok(id);
	}
	let known = store.list()?;
	known.iter().find(|i| i.name == who).and_then(|i| i.account.parse().ok()).ok_or_else(|| {
		Error::Invalid(format!(
			"'{who}' is neither an address nor an identity in the keystore (`medledger keys list`)"
		))
	})
}

pub async fn run(cli: Cli) -> Result<(), Error> {
	let out = Output { json: cli.json };
	let store = keystore(cli.keystore)?;
	let chain = || MedLedger::connect(&cli.url);
	match cli.command {
		Command::Keys(command) => keys(&store, out, command),
		Command::Register { signer: who } => {
			let keys = signer(&store, &who)?;
			let chain = chain().await?;
			let included = chain.register_patient(&keys, Wait::Finalized).await?;
			out.line(
				&format!(
					"{} is registered as a patient (block {:?})",
					keys.account_id(),
					included.block
				),
				&json!({ "patient": keys.account_id().to_string(), "block": format!("{:?}", included.block) }),
			);
			Ok(())
		},
		Command::Grant {
			signer: who,
			to,
			categories,
			except,
			purpose,
			append,
			blocks,
			patient,
			wait,
		} => {
			let keys = signer(&store, &who)?;
			let patient = match patient {
				Some(p) => account(&store, &p)?,
				None => keys.account_id(),
			};
			let grantee = account(&store, &to)?;
			let grant = NewGrant {
				patient,
				grantee: grantee.clone(),
				categories: parse_categories(&categories)?,
				except: parse_categories(&except)?,
				purpose: parse_purpose(&purpose)?,
				access: if append { AccessLevel::ReadAppend } else { AccessLevel::Read },
				starts: None,
				ends: None,
			};
			let chain = chain().await?;
			let grant = match blocks {
				Some(n) => NewGrant { ends: Some(chain.best_number().await? + n), ..grant },
				None => grant,
			};
			let (id, included) =
				chain.grant(&keys, &grant, wait.into(), out.progress("grant")).await?;
			out.line(
				&format!("grant {} to {grantee} made", id.0),
				&json!({ "grant": id.0, "grantee": grantee.to_string(), "finalized": included.finalized }),
			);
			Ok(())
		},
		Command::Revoke { signer: who, grant, wait } => {
			let keys = signer(&store, &who)?;
			let chain = chain().await?;
			let included =
				chain.revoke(&keys, GrantId(grant), wait.into(), out.progress("revoke")).await?;
			out.line(
				&format!("grant {grant} revoked"),
				&json!({ "grant": grant, "revoked": true, "finalized": included.finalized }),
			);
			Ok(())
		},
		Command::Grants { patient } => {
			let patient = account(&store, &patient)?;
			let chain = chain().await?;
			let grants = chain.grants_at(&patient, chain.finalized_head().await?).await?;
			let rows = grants
				.iter()
				.map(|(id, g)| {
					vec![
						id.0.to_string(),
						g.grantee.to_string(),
						categories_text(g.categories.0),
						categories_text(g.except.0),
						format!("{:?}", g.purpose.0),
						format!("{:?}", g.access.0),
						g.ends.map_or("never".into(), |b| format!("block {b}")),
						origin_text(&g.origin),
					]
				})
				.collect();
			let values: Vec<Value> = grants.iter().map(|(id, g)| grant_json(*id, g)).collect();
			out.table(
				&[
					"grant",
					"grantee",
					"categories",
					"except",
					"purpose",
					"access",
					"ends",
					"origin",
				],
				rows,
				&values,
			);
			Ok(())
		},
		Command::Inquiries { patient } => {
			let patient = account(&store, &patient)?;
			let chain = chain().await?;
			let pending = chain.pending_inquiries(&patient, chain.finalized_head().await?).await?;
			let rows = pending
				.iter()
				.map(|(id, i)| {
					vec![
						id.0.to_string(),
						i.requester.to_string(),
						categories_text(i.categories.0),
						format!("{:?}", i.purpose.0),
						format!("{} blocks", i.duration),
						format!("block {}", i.expires_at),
					]
				})
				.collect();
			let values: Vec<Value> = pending.iter().map(|(id, i)| inquiry_json(*id, i)).collect();
			out.table(
				&["inquiry", "requester", "categories", "purpose", "for", "expires"],
				rows,
				&values,
			);
			Ok(())
		},
		Command::Answer {
			signer: who,
			inquiry,
			approve,
			deny,
			spam,
			categories,
			except,
			blocks,
		} => {
			if approve == deny {
				return Err(Error::Invalid("say --approve or --deny".into()));
			}
			let keys = signer(&store, &who)?;
			let chain = chain().await?;
			let reply = if approve {
				let asked = pending_inquiry(&chain, &keys.account_id(), inquiry).await?;
				let categories = match categories {
					Some(list) => parse_categories(&list)?,
					None => asked.categories.0,
				};
				let except = parse_categories(&except)?;
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
		},
		Command::Block { signer: who, patient, requester } => {
			let (patient, requester) = (patient.as_deref(), requester.as_str());
			set_blocked(&store, &out, &who, patient, requester, true, chain().await?).await
		},
		Command::Unblock { signer: who, patient, requester } => {
			let (patient, requester) = (patient.as_deref(), requester.as_str());
			set_blocked(&store, &out, &who, patient, requester, false, chain().await?).await
		},
		Command::Appoint { signer: who, representative, scope, legal_basis, until } => {
			use medledger_client::types::RepresentativeScope as Scope;
			let keys = signer(&store, &who)?;
			let representative = account(&store, &representative)?;
			let scope = match scope.as_str() {
				"manage-consent" => Scope::ManageConsent,
				"view-records" => Scope::ViewRecords,
				"full" => Scope::Full,
				other => {
					return Err(Error::Invalid(format!(
						"'{other}' is not a scope: use manage-consent, view-records or full"
					)))
				},
			};
			let basis = subxt::utils::H256(sp_crypto_hashing::blake2_256(legal_basis.as_bytes()));
			let call = runtime::tx().patients().appoint_representative(
				representative.clone(),
				Static(scope),
				basis,
				until,
			);
			let chain = chain().await?;
			chain.submit(&call, &keys, Wait::Finalized, out.progress("appoint")).await?;
			out.line(
				&format!("{representative} now represents {}", keys.account_id()),
				&json!({ "representative": representative.to_string() }),
			);
			Ok(())
		},
		Command::Records { patient, signer: who } => {
			let patient = account(&store, &patient)?;
			let keys = who.map(|w| signer(&store, &w)).transpose()?;
			let chain = chain().await?;
			let records = chain.patient_records(&patient, chain.finalized_head().await?).await?;
			let rows = records
				.iter()
				.map(|(id, r)| {
					let metadata = match &keys {
						Some(keys) => decrypt_metadata(keys, &r.metadata),
						None => "(sealed)".into(),
					};
					vec![
						id.0.to_string(),
						format!("{:?}", r.category.0),
						r.custodian.to_string(),
						format!("block {}", r.registered_at),
						if r.disputed { "disputed".into() } else { String::new() },
						metadata,
					]
				})
				.collect();
			let values: Vec<Value> = records.iter().map(|(id, r)| record_json(*id, r)).collect();
			out.table(
				&["record", "category", "custodian", "registered", "", "metadata"],
				rows,
				&values,
			);
			Ok(())
		},
		Command::Disclosures { patient, from } => {
			let patient = account(&store, &patient)?;
			let chain = chain().await?;
			crate::disclosures::run(&chain, out, &patient, from).await
		},
		Command::Access { requester, patient, category, purpose } => {
			let requester = account(&store, &requester)?;
			let patient = account(&store, &patient)?;
			let category = parse_category(&category)?;
			let purpose = parse_purpose(&purpose)?;
			let chain = chain().await?;
			let decision = chain.access_decision(&requester, &patient, category, purpose).await?;
			let text = match decision {
				AccessDecision::Allowed { grant: Some(g) } => {
					format!("allowed, under grant {}", g.0)
				},
				AccessDecision::Allowed { grant: None } => {
					"allowed (the patient or a representative)".into()
				},
				AccessDecision::Denied(why) => format!("denied: {why:?}"),
			};
			out.line(&text, &decision);
			Ok(())
		},
		Command::Watch { patient, count } => {
			let patient = account(&store, &patient)?;
			let chain = chain().await?;
			let mut events = Box::pin(chain.watch(patient.clone()).await?);
			eprintln!("watching {patient} on finalized blocks (Ctrl-C to stop)");
			let mut seen = 0;
			while let Some(event) = events.next().await {
				let event = event?;
				let line =
					serde_json::to_string(&event).map_err(|e| Error::Invalid(e.to_string()))?;
				println!("{line}");
				seen += 1;
				if count.is_some_and(|c| seen >= c) {
					break;
				}
			}
			Ok(())
		},
		Command::Inquire { signer: who, patient, categories, purpose, blocks, note } => {
			let keys = signer(&store, &who)?;
			let patient = account(&store, &patient)?;
			let chain = chain().await?;
			let sealed = if note.is_empty() {
				Vec::new()
			} else {
				let key =
					chain.patient_key(&patient, chain.finalized_head().await?).await?.ok_or_else(
						|| Error::Invalid(format!("{patient} is not a registered patient")),
					)?;
				medledger_client::seal(&key.0, note.as_bytes())?
			};
			let call = runtime::tx().consent().inquire(
				patient.clone(),
				Static(parse_categories(&categories)?),
				Static(parse_purpose(&purpose)?),
				blocks,
				sealed,
			);
			let (_, events) =
				chain.submit(&call, &keys, Wait::Finalized, out.progress("inquiry")).await?;
			let made = events
				.find_first::<runtime::consent::events::InquiryMade>()
				.transpose()
				.map_err(|e| Error::Node(e.to_string()))?
				.ok_or_else(|| Error::Node("no InquiryMade event".into()))?;
			out.line(
				&format!("inquiry {} sent to {patient}", made.inquiry.0 .0),
				&json!({ "inquiry": made.inquiry.0 .0 }),
			);
			Ok(())
		},
		Command::BreakGlass { signer: who, patient, reason } => {
			let keys = signer(&store, &who)?;
			let patient = account(&store, &patient)?;
			let reason_hash = subxt::utils::H256(sp_crypto_hashing::blake2_256(reason.as_bytes()));
			let call = runtime::tx().consent().open_emergency_access(patient.clone(), reason_hash);
			let chain = chain().await?;
			let (_, events) =
				chain.submit(&call, &keys, Wait::Finalized, out.progress("break-glass")).await?;
			let opened = events
				.find_first::<runtime::consent::events::EmergencyAccessOpened>()
				.transpose()
				.map_err(|e| Error::Node(e.to_string()))?
				.ok_or_else(|| Error::Node("no EmergencyAccessOpened event".into()))?;
			out.line(
				&format!(
					"EMERGENCY access to {patient} open under grant {} until block {}; the patient is notified",
					opened.grant.0 .0, opened.ends
				),
				&json!({ "grant": opened.grant.0 .0, "ends": opened.ends }),
			);
			Ok(())
		},
		Command::Apply { signer: who, name, endpoint } => {
			let keys = signer(&store, &who)?;
			let call = runtime::tx().providers().apply(
				name.into_bytes(),
				endpoint.into_bytes(),
				Static(medledger_client::types::EncryptionKey(keys.encryption_public())),
			);
			let chain = chain().await?;
			chain.submit(&call, &keys, Wait::Finalized, out.progress("application")).await?;
			out.line(
				&format!("{} applied; the council votes next", keys.account_id()),
				&json!({ "applicant": keys.account_id().to_string() }),
			);
			Ok(())
		},
		Command::Council(command) => {
			crate::council::run(&store, out, &chain().await?, command).await
		},
		Command::Contract(command) => {
			crate::contract::run(&store, out, &chain().await?, command).await
		},
		Command::Study(args) => crate::study::run(&store, out, &chain().await?, args).await,
		Command::Claim(args) => crate::claim::run(&store, out, &chain().await?, args).await,
		Command::OfferEmployment { signer: who, practitioner } => {
			let keys = signer(&store, &who)?;
			let practitioner = account(&store, &practitioner)?;
			let call = runtime::tx().providers().offer_employment(practitioner.clone());
			let chain = chain().await?;
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
		},
		Command::AcceptEmployment { signer: who, provider } => {
			let keys = signer(&store, &who)?;
			let provider = account(&store, &provider)?;
			let call = runtime::tx().providers().accept_employment(provider.clone());
			let chain = chain().await?;
			chain.submit(&call, &keys, Wait::Finalized, out.progress("accept")).await?;
			out.line(
				&format!("{} now practises at {provider}", keys.account_id()),
				&json!({ "provider": provider.to_string() }),
			);
			Ok(())
		},
		Command::Transfer { signer: who, to, amount } => {
			if !(amount.is_finite() && amount > 0.0) {
				return Err(Error::Invalid("the amount must be a positive number of MED".into()));
			}
			let keys = signer(&store, &who)?;
			let to = account(&store, &to)?;
			// 1 MED = 10^12 planck.
			let planck = (amount * 1e12).round() as u128;
			let call = runtime::tx().balances().transfer_keep_alive(to.clone().into(), planck);
			let chain = chain().await?;
			chain.submit(&call, &keys, Wait::Finalized, out.progress("transfer")).await?;
			out.line(
				&format!("sent {amount} MED to {to}"),
				&json!({ "to": to.to_string(), "planck": planck.to_string() }),
			);
			Ok(())
		},
		Command::Fetch { signer: who, record, purpose, gateway } => {
			let keys = signer(&store, &who)?;
			parse_purpose(&purpose)?;
			let chain = chain().await?;
			let (hash, custodian) = document_set(&chain, record).await?;
			let base = match gateway {
				Some(url) => url,
				None => custodian_endpoint(&chain, &custodian).await?,
			};
			// Signed only for the gateway of the record's custodian: not relayable elsewhere.
			let release = GatewayClient::for_custodian(&base, custodian)
				.fetch(&keys, record, &purpose)
				.await?;
			let opened = open_release(&keys, &release, &hash)?;
			if !out.json {
				eprintln!(
					"record {record}: content hash {} matches the chain{}",
					hex::encode(opened.content_hash),
					opened.grant.map_or(String::new(), |g| format!("; released under grant {g}"))
				);
			}
			println!(
				"{}",
				serde_json::to_string_pretty(&opened.resource)
					.map_err(|e| Error::Invalid(e.to_string()))?
			);
			Ok(())
		},
		Command::Upload { gateway, staff_token, patient, file } => {
			let patient = account(&store, &patient)?;
			let body = std::fs::read(&file)
				.map_err(|e| Error::Invalid(format!("{}: {e}", file.display())))?;
			let resource: Value = serde_json::from_slice(&body)
				.map_err(|e| Error::Invalid(format!("{} is not JSON: {e}", file.display())))?;
			eprintln!("upload: waiting for the document set to be final on chain");
			let uploaded = GatewayClient::new(&gateway)
				.upload(&staff_token, &patient.to_string(), &resource)
				.await?;
			let said = match uploaded["record"].as_u64() {
				Some(record) => format!(
					"record {record} of {patient} stored and registered ({})",
					text(&uploaded["category"])
				),
				None => format!(
					"stored for {patient} ({}); the gateway keeps trying to register it on chain \
					 (content hash {})",
					text(&uploaded["category"]),
					text(&uploaded["content_hash"])
				),
			};
			out.line(&said, &uploaded);
			Ok(())
		},
		Command::Consents { signer: who, gateway } => {
			let keys = signer(&store, &who)?;
			let bundle = GatewayClient::new(&gateway).consents(&keys).await?;
			println!(
				"{}",
				serde_json::to_string_pretty(&bundle).map_err(|e| Error::Invalid(e.to_string()))?
			);
			Ok(())
		},
		Command::BenchGateway(args) => {
			let keys = signer(&store, &args.signer)?;
			crate::bench::gateway(out, &keys, args).await
		},
		Command::Bench(args) => crate::bench::run(&cli.url, out, args).await,
	}
}

fn keys(store: &Keystore, out: Output, command: KeysCommand) -> Result<(), Error> {
	match command {
		KeysCommand::New { name } => {
			let keys = Keys::generate();
			let pass = passphrase("passphrase for the new identity: ")?;
			let identity = store.save(&name, &keys, &pass)?;
			if !out.json {
				eprintln!("Write these 12 words down and keep them safe: they recover every key.");
			}
			out.record(
				&[("name", identity.name.clone()), ("account", identity.account.clone()), ("phrase", keys.phrase().to_string())],
				&json!({ "name": identity.name, "account": identity.account, "encryption_public": identity.encryption_public, "phrase": keys.phrase() }),
			);
			Ok(())
		},
		KeysCommand::Recover { name } => {
			let mut phrase = String::new();
			std::io::stdin()
				.read_line(&mut phrase)
				.map_err(|e| Error::Invalid(format!("cannot read the phrase: {e}")))?;
			let keys = Keys::from_uri(&phrase)?;
			let identity = store.save(&name, &keys, &passphrase("passphrase: ")?)?;
			out.record(
				&[("name", identity.name.clone()), ("account", identity.account.clone())],
				&identity,
			);
			Ok(())
		},
		KeysCommand::List => {
			let identities = store.list()?;
			let rows = identities
				.iter()
				.map(|i| vec![i.name.clone(), i.account.clone(), i.encryption_public.clone()])
				.collect();
			out.table(&["name", "account", "encryption key"], rows, &identities);
			Ok(())
		},
	}
}

/// The best block's number: what a length in blocks from now counts from.
pub(crate) async fn best_number(chain: &MedLedger) -> Result<u32, Error> {
	chain.best_number().await
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

fn decrypt_metadata(keys: &Keys, bytes: &[u8]) -> String {
	match keys.open(bytes) {
		Ok(plain) => String::from_utf8_lossy(&plain).into_owned(),
		Err(_) => "(cannot open with this identity)".into(),
	}
}

pub(crate) fn parse_hash(text: &str) -> Result<subxt::utils::H256, Error> {
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.ok()
		.filter(|b| b.len() == 32)
		.ok_or_else(|| Error::Invalid(format!("'{text}' is not a 32-byte hex hash")))?;
	Ok(subxt::utils::H256::from_slice(&bytes))
}

/// A record's content hash and custodian, from the finalized chain.
async fn document_set(chain: &MedLedger, record: u64) -> Result<([u8; 32], AccountId), Error> {
	let set =
		chain.document_set(RecordId(record), chain.finalized_head().await?).await?.ok_or_else(
			|| Error::Invalid(format!("no record {record} on chain: see `medledger records`")),
		)?;
	Ok((set.content_hash.0, set.custodian))
}

/// The gateway endpoint the custodian `provider` registered, on the finalized chain.
async fn custodian_endpoint(chain: &MedLedger, provider: &AccountId) -> Result<String, Error> {
	let endpoint = chain.provider_endpoint(provider, chain.finalized_head().await?).await;
	match endpoint {
		Ok(Some(endpoint)) => Ok(endpoint),
		Ok(None) => Err(Error::Invalid(format!(
			"the custodian {provider} is no longer a provider: give --gateway"
		))),
		Err(Error::Invalid(why)) => Err(Error::Invalid(format!("{why}: give --gateway"))),
		Err(other) => Err(other),
	}
}

fn text(value: &Value) -> String {
	match value {
		Value::String(s) => s.clone(),
		Value::Null => "-".into(),
		other => other.to_string(),
	}
}

fn categories_text(set: CategorySet) -> String {
	let names = category_names(set);
	if names.is_empty() {
		"-".into()
	} else {
		names.join(",")
	}
}

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

/// A record for `--json`: `[id, document set]`, the metadata still sealed.
fn record_json(id: RecordId, record: &RecordSummary) -> Value {
	let fields = json!({
		"category": record.category.0,
		"labels": record.labels.0,
		"content_hash": record.content_hash,
		"size": record.size,
		"custodian": record.custodian,
		"metadata": record.metadata,
		"supersedes": record.supersedes.as_ref().map(|r| r.0),
		"superseded_by": record.superseded_by.as_ref().map(|r| r.0),
		"registered_at": record.registered_at,
		"disputed": record.disputed,
	});
	Value::Array(vec![json!(id), fields])
}

/// `block` and `unblock`: `who` (the patient, or a representative naming `patient`) blocks
/// `requester` from asking again, or lifts the block.
async fn set_blocked(
	store: &Keystore,
	out: &Output,
	who: &str,
	patient: Option<&str>,
	requester: &str,
	blocked: bool,
	chain: MedLedger,
) -> Result<(), Error> {
	let keys = signer(store, who)?;
	let patient = match patient {
		Some(patient) => account(store, patient)?,
		None => keys.account_id(),
	};
	let requester = account(store, requester)?;
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
