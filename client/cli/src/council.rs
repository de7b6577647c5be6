//! `medledger council`: motions of the provider council.

use crate::{
	output::Output,
	parse::{parse_council_action, parse_hash},
	shared::{account, motion_threshold, signer},
	CouncilCommand,
};
use codec::Encode;
use medledger_client::{
	chain::{MedLedger, Wait},
	runtime::{self, runtime_types},
	Error, Keystore,
};
use serde_json::json;

pub async fn run(
	store: &Keystore,
	out: Output,
	chain: &MedLedger,
	command: CouncilCommand,
) -> Result<(), Error> {
	match command {
		CouncilCommand::Propose { signer: who, action, provider } => {
			let keys = signer(store, &who)?;
			let provider = account(store, &provider)?;
			let action = parse_council_action(&action)?;
			let (threshold, members) = motion_threshold(chain).await?;
			let inner = action.call(provider);
			let length = inner.encoded_size() as u32;
			let propose = runtime::tx().council().propose(threshold, inner, length);
			let (_, events) =
				chain.submit(&propose, &keys, Wait::Finalized, out.progress("motion")).await?;
			let proposed = events
				.find_first::<runtime::council::events::Proposed>()
				.transpose()
				.map_err(|e| Error::Node(e.to_string()))?;
			let Some(proposed) = proposed else {
				// A council of one: a motion needing one vote is carried out at once.
				let executed = events
					.find_first::<runtime::council::events::Executed>()
					.transpose()
					.map_err(|e| Error::Node(e.to_string()))?
					.ok_or_else(|| Error::Node("neither proposed nor executed".into()))?;
				return match executed.result {
					Ok(()) => {
						out.line(
							"carried out at once (the council needed one vote)",
							&json!({ "passed": true }),
						);
						Ok(())
					},
					Err(e) => {
						Err(Error::Refused(format!("the motion was carried but failed: {e:?}")))
					},
				};
			};
			out.record(
				&[
					("motion", format!("{:?}", proposed.proposal_hash)),
					("index", proposed.proposal_index.to_string()),
					("needs", format!("{threshold} of {members} votes")),
				],
				&json!({ "motion": format!("{:?}", proposed.proposal_hash), "index": proposed.proposal_index, "threshold": threshold }),
			);
			Ok(())
		},
		CouncilCommand::Vote { signer: who, motion, index, nay } => {
			let keys = signer(store, &who)?;
			let call = runtime::tx().council().vote(parse_hash(&motion)?, index, !nay);
			chain.submit(&call, &keys, Wait::Finalized, out.progress("vote")).await?;
			out.line(
				&format!("voted {} on motion {index}", if nay { "nay" } else { "aye" }),
				&json!({ "aye": !nay }),
			);
			Ok(())
		},
		CouncilCommand::Close { signer: who, motion, index } => {
			let keys = signer(store, &who)?;
			let hash = parse_hash(&motion)?;
			let proposal = chain
				.council_motion(hash, chain.finalized_head().await?)
				.await?
				.ok_or_else(|| Error::Invalid(format!("no open motion {motion}")))?;
			let length = proposal.encoded_size() as u32;
			let weight = runtime_types::sp_weights::weight_v2::Weight {
				ref_time: 100_000_000_000,
				proof_size: 1_000_000,
			};
			let call = runtime::tx().council().close(hash, index, weight, length);
			let (_, events) =
				chain.submit(&call, &keys, Wait::Finalized, out.progress("close")).await?;
			let executed = events
				.find_first::<runtime::council::events::Executed>()
				.transpose()
				.map_err(|e| Error::Node(e.to_string()))?;
			match executed {
				Some(e) if e.result.is_ok() => {
					out.line(
						&format!("motion {index} passed and was carried out"),
						&json!({ "passed": true }),
					);
					Ok(())
				},
				Some(e) => {
					Err(Error::Refused(format!("the motion passed but failed: {:?}", e.result)))
				},
				None => {
					out.line(
						&format!("motion {index} was closed without passing"),
						&json!({ "passed": false }),
					);
					Ok(())
				},
			}
		},
		CouncilCommand::Release { signer: who, motion } => {
			let keys = signer(store, &who)?;
			let call = runtime::tx().council().release_proposal_cost(parse_hash(&motion)?);
			chain.submit(&call, &keys, Wait::Finalized, out.progress("release")).await?;
			out.line(
				&format!("the deposit of motion {motion} went back to its proposer"),
				&json!({ "motion": motion, "released": true }),
			);
			Ok(())
		},
		CouncilCommand::Motions => {
			let motions = chain.council_motions(chain.finalized_head().await?).await?;
			let mut rows = Vec::new();
			let mut values = Vec::new();
			for (hash, voting) in motions {
				rows.push(vec![
					format!("{hash:?}"),
					voting.index.to_string(),
					format!("{} of {}", voting.ayes.len(), voting.threshold),
					voting.nays.len().to_string(),
					format!("block {}", voting.end),
				]);
				values.push(json!({ "motion": format!("{hash:?}"), "index": voting.index, "ayes": voting.ayes.len(), "threshold": voting.threshold, "nays": voting.nays.len(), "end": voting.end }));
			}
			out.table(&["motion", "index", "ayes", "nays", "ends"], rows, &values);
			Ok(())
		},
	}
}
