//! `medledger study`: the research-study contract (`contracts/research-study`) in its own
//! words. A researcher opens a study with a budget; a patient who granted the study's account
//! research access enrolls and is paid; anyone checks that a participant's consent still
//! holds; the researcher pays the one follow-up and, from the deadline on, closes the study.

use crate::{
	ink::{answer, example_bundle, field, number, report, some, Deployed},
	output::Output,
	shared::{account, signer},
	StudyArgs, StudyCommand,
};
use medledger_client::{
	chain::{MedLedger, Wait},
	types::{Amount, CategorySet},
	Error, Keystore,
};
use serde_json::json;
use subxt::ext::scale_value::Value;

pub async fn run(
	store: &Keystore,
	out: Output,
	chain: &MedLedger,
	args: StudyArgs,
) -> Result<(), Error> {
	let bundle = example_bundle(args.bundle, "research_study")?;
	let deployed = |address: &str| -> Result<Deployed<'_>, Error> {
		Ok(Deployed { chain, bundle: bundle.clone(), address: account(store, address)? })
	};
	match args.command {
		StudyCommand::Open {
			signer: who,
			categories,
			budget,
			reward,
			follow_up_reward,
			participants,
			blocks,
			protocol,
			eligible,
		} => {
			let keys = signer(store, &who)?;
			if categories == CategorySet::empty() {
				return Err(Error::Invalid("a study reads at least one category".into()));
			}
			let document = std::fs::read(&protocol)
				.map_err(|e| Error::Invalid(format!("the protocol {}: {e}", protocol.display())))?;
			let protocol = sp_crypto_hashing::blake2_256(&document);
			if !chain.code_uploaded(bundle.code_hash).await? {
				chain.upload_code(&keys, &bundle, Wait::Finalized, out.progress("upload")).await?;
			}
			let deadline = chain.best_number().await?.checked_add(blocks).ok_or_else(|| {
				Error::Invalid(format!("{blocks} blocks from now is past the chain's last block"))
			})?;
			let constructor_args = [
				format!("({})", categories.0),
				reward.0.to_string(),
				follow_up_reward.0.to_string(),
				participants.to_string(),
				deadline.to_string(),
				format!("0x{}", hex::encode(protocol)),
				format!("({})", eligible.0),
			];
			let (address, _) = chain
				.instantiate(
					&keys,
					&bundle,
					"new",
					&constructor_args,
					budget.0,
					// Two studies on the same terms by the same researcher are two studies.
					protocol_salt(deadline, &protocol),
					Wait::Finalized,
					out.progress("open"),
				)
				.await?;
			out.line(
				&format!(
					"study opened at {address}: patients grant it research access to {} \
					 and enroll until block {deadline}",
					categories
				),
				&json!({
					"study": address.to_string(),
					"deadline": deadline,
					"protocol": format!("0x{}", hex::encode(protocol)),
				}),
			);
			Ok(())
		},
		StudyCommand::Enroll { signer: who, study, evidence } => {
			let keys = signer(store, &who)?;
			let study = deployed(&study)?;
			let evidence =
				evidence.map_or("None".to_string(), |record| format!("Some(({record}))"));
			let outcome = study.call(&keys, &out, "enroll", &[evidence], 0).await?;
			report(&out, "enroll", &outcome);
			Ok(())
		},
		StudyCommand::Check { signer: who, study, patient } => {
			let keys = signer(store, &who)?;
			let study = deployed(&study)?;
			let patient = account(store, &patient)?;
			// A check that finds the consent gone ends the participation: that must be a
			// transaction. One that finds it in force changes nothing: a query says so.
			let now = study.ask(&keys.account_id(), "check", &[patient.to_string()]).await?;
			let outcome =
				if now.as_bool() == Some(false) && participant_active(&study, &patient).await? {
					Some(study.call(&keys, &out, "check", &[patient.to_string()], 0).await?)
				} else {
					None
				};
			let takes_part = now.as_bool() == Some(true);
			match outcome {
				Some(outcome) => report(&out, "check", &outcome),
				None => out.line(
					&format!(
						"{patient} {}",
						if takes_part {
							"takes part: their consent holds"
						} else {
							"does not take part"
						}
					),
					&json!({ "answer": now.to_string(), "takes_part": takes_part }),
				),
			}
			Ok(())
		},
		StudyCommand::FollowUp { signer: who, study, patient } => {
			let keys = signer(store, &who)?;
			let study = deployed(&study)?;
			let patient = account(store, &patient)?;
			let outcome = study.call(&keys, &out, "follow_up", &[patient.to_string()], 0).await?;
			report(&out, "follow_up", &outcome);
			Ok(())
		},
		StudyCommand::Close { signer: who, study } => {
			let keys = signer(store, &who)?;
			let study = deployed(&study)?;
			let outcome = study.call(&keys, &out, "close", &[], 0).await?;
			report(&out, "close", &outcome);
			Ok(())
		},
		StudyCommand::Show { study, patient } => {
			let study = deployed(&study)?;
			let anyone = study.address.clone();
			let terms = study.ask(&anyone, "terms", &[]).await?;
			let enrolled = study.ask(&anyone, "participants", &[]).await?;
			let left = study.ask(&anyone, "budget_left", &[]).await?;
			let participant = match patient {
				Some(patient) => {
					let patient = account(store, &patient)?;
					Some(study.ask(&anyone, "participant", &[patient.to_string()]).await?)
				},
				None => None,
			};
			show(&out, &terms, &enrolled, &left, participant.as_ref());
			Ok(())
		},
	}
}

/// A salt that sets a study apart from another of the same code, researcher and arguments.
fn protocol_salt(deadline: u32, protocol: &[u8; 32]) -> Vec<u8> {
	let mut salt = deadline.to_le_bytes().to_vec();
	salt.extend_from_slice(&protocol[..8]);
	salt
}

/// Whether `patient` enrolled and their participation has not ended.
async fn participant_active(
	study: &Deployed<'_>,
	patient: &medledger_client::types::AccountId,
) -> Result<bool, Error> {
	let participant = study.ask(&study.address, "participant", &[patient.to_string()]).await?;
	Ok(some(&participant).and_then(|p| field(p, "active")).and_then(Value::as_bool) == Some(true))
}

fn show(
	out: &Output,
	terms: &Value<u32>,
	enrolled: &Value<u32>,
	left: &Value<u32>,
	participant: Option<&Value<u32>>,
) {
	let text = |name: &str| field(terms, name).map(ToString::to_string).unwrap_or_default();
	let amount = |name: &str| {
		field(terms, name).and_then(number).map(|n| Amount(n).to_string()).unwrap_or_default()
	};
	let categories = |name: &str| {
		let set = field(terms, name).and_then(number).unwrap_or(0) as u32;
		CategorySet(set).to_string()
	};
	let left = number(left).unwrap_or(0);
	let mut fields = vec![
		("researcher", text("researcher")),
		("categories", categories("categories")),
		("eligible", categories("eligible")),
		("reward", amount("reward")),
		("follow-up reward", amount("follow_up_reward")),
		("participants", format!("{} of {}", enrolled, text("max_participants"))),
		("deadline", format!("block {}", text("deadline"))),
		("protocol", text("protocol")),
		("budget", amount("budget")),
		("left", Amount(left).to_string()),
	];
	let participant_json = participant.map(|value| match some(value) {
		Some(p) => {
			let flag = |name: &str| field(p, name).and_then(Value::as_bool).unwrap_or(false);
			fields.push((
				"participant",
				format!(
					"enrolled at block {}, grant {}, {}, follow-up {}",
					field(p, "enrolled_at").map(ToString::to_string).unwrap_or_default(),
					field(p, "grant").and_then(number).unwrap_or(0),
					if flag("active") { "active" } else { "ended" },
					if flag("follow_up_paid") { "paid" } else { "not paid" },
				),
			));
			json!({ "active": flag("active"), "follow_up_paid": flag("follow_up_paid") })
		},
		None => {
			fields.push(("participant", "never enrolled".to_string()));
			json!(null)
		},
	});
	out.record(
		&fields,
		&json!({
			"terms": answer(terms).to_string(),
			"participants": number(enrolled).map(|n| n as u64),
			"left": left.to_string(),
			"participant": participant_json,
		}),
	);
}
