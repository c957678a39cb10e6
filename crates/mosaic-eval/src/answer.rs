use serde::{Deserialize, Serialize};

/// One article's extraction in the answer-key format; predictions and gold keys share it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerFile {
    #[serde(default)]
    pub doc: String,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub entities: Vec<AnswerEntity>,
    #[serde(default)]
    pub events: Vec<AnswerEvent>,
    #[serde(default)]
    pub times: Vec<AnswerTime>,
    #[serde(default)]
    pub roles: Vec<AnswerRole>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerEntity {
    pub name: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Extra fields Mosaic adds (ignored by the scorer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerEvent {
    pub source: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: String,
    pub target: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub modality: Option<String>,
    #[serde(default)]
    pub evidence: Option<String>,
    /// The CAMEO code of the act, for users of CAMEO/ICEWS/Phoenix data (not scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerTime {
    pub text: String,
    pub value: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerRole {
    pub person: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    pub org: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub evidence: Option<String>,
}
