"""Typed settings, read once from the environment (prefix ASSISTANT_) and `.env`, then passed down."""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Set before chromadb, gradio, onnxruntime or huggingface_hub are imported: nothing phones home.
QUIET_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ORT_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}
# DNS labels (underscores too: container names use them) joined by dots
HOSTNAME = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*\.?")


def quiet_environment() -> None:
    """Turn off telemetry and hub downloads for every library we use (idempotent)."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """Every setting of the assistant; the README's configuration table lists each one."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        populate_by_name=True,
        hide_input_in_errors=True,  # a validation error must never print a key or password
    )

    # articles -> index
    seeds_dir: Path = Field(Path("seeds"), description="Folder of source articles (.txt, .md, "
                            ".html, .htm, .pdf, .docx).")
    store_dir: Path = Field(Path("store"), description="Folder of the persisted Chroma index.")
    collection: str = Field("briefing", min_length=3, max_length=40,
                            description="Chroma collection name prefix.")
    model_cache_dir: Path = Field(Path(".cache/model"),
                                  description="Where the ONNX model built from the weights is cached.")
    max_file_bytes: int = Field(20_000_000, gt=0, description="Larger article files (and "
                                "fetched pages, uploads) are skipped.")
    fetch_timeout: float = Field(20.0, gt=0, le=300, description="Seconds `assistant add URL` "
                                 "and the Articles tab may take to fetch one page.")
    chunk_size: int = Field(200, ge=32, le=250,
                            description="Chunk size in word pieces (model window is 256).")
    chunk_overlap: int = Field(30, ge=0, description="Overlap between chunks in word pieces.")
    embed_batch_size: int = Field(32, ge=1, le=512, description="Chunks embedded per batch.")
    ingest_group: int = Field(256, ge=1, le=5000, description="Chunks embedded and written to the "
                              "store together (whole articles); larger means fewer, bigger writes.")

    # Chroma server (instead of the embedded store in store_dir)
    chroma_host: str | None = Field(None, description="Chroma server host; when set, the index "
                                    "lives on that server instead of store_dir.")
    chroma_port: int = Field(8000, ge=1, le=65535, description="Chroma server port.")
    chroma_ssl: bool = Field(False, description="Talk to the Chroma server over HTTPS.")
    chroma_token: SecretStr | None = Field(None, description="Sent to the Chroma server as "
                                           "`Authorization: Bearer <token>`.")
    chroma_headers: dict[str, str] = Field(default_factory=dict, description="Extra HTTP "
                                           "headers for the Chroma server (JSON object).")
    chroma_timeout: float = Field(10.0, gt=0, le=600, description="Seconds one Chroma server "
                                  "request may take before the assistant reports it unreachable.")

    # retrieve
    top_k: int = Field(6, ge=1, le=50, description="Passages retrieved per question.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in the fusion.")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in the fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")
    refresh_seconds: float = Field(5.0, gt=0, le=3600, description="How often a running chat "
                                   "looks for changes an ingest made to the store.")

    # answer
    answerer: Literal["auto", "extractive", "llm"] = Field(
        "auto", description="auto: llm when OPENAI_API_KEY or OPENAI_BASE_URL is set.")
    max_quotes: int = Field(3, ge=1, le=4, description="Most sentences quoted in an extractive answer.")
    abstain_threshold: float | None = Field(
        None, ge=0, le=1, description="Sentence score below which the assistant says the "
        "articles do not cover it (default: the threshold fitted with the ranker by "
        "bench/fit_ranker.py).")
    max_question_chars: int = Field(2000, ge=10, description="Longer questions are refused.")

    # UI
    host: str = Field("127.0.0.1", description="Address the chat binds to.")
    port: int = Field(7860, ge=1, le=65535, description="Port of the chat.")
    auth_user: str | None = Field(None, description="Login user of the chat (with auth_password); "
                                  "required to bind any address other than loopback.")
    auth_password: SecretStr | None = Field(None, description="Login password of the chat.")
    auth_file: Path | None = Field(None, description="File of `user:password` lines, one login "
                                   "each (instead of or beside auth_user/auth_password).")
    auth_lockout: float = Field(60.0, gt=0, le=3600, description="Seconds logins from an "
                                "address are refused after 5 wrong passwords from it (and a "
                                "user's, at addresses it never logged in from, after 20 from "
                                "anywhere); doubles with each further wrong one, up to an hour.")
    trusted_proxies: str = Field("", description="Comma-separated addresses or networks of the "
                                 "reverse proxies in front of the chat, whose X-Forwarded-For "
                                 "header names the client; empty: the client is the connection's "
                                 "address (the header is anyone's to write).")
    concurrency: int = Field(2, ge=1, le=32, description="Questions answered at the same time; "
                             "the others wait in the queue.")
    max_queue: int = Field(16, ge=1, le=1000, description="Questions that may wait; beyond "
                           "that people are told the assistant is busy and to try again.")
    briefing_page_rows: int = Field(50, ge=1, le=1000,
                                    description="Rows per page of each Briefing table.")
    example_questions: list[str] = Field(default_factory=list, description="Example questions "
                                         "under the chat (a JSON list); default: made from the "
                                         "event cards of the indexed articles.")
    uploads: bool = Field(False, description="Let logged-in users add and remove articles in "
                          "the Articles tab when the chat is served beyond this machine (on "
                          "127.0.0.1 it is always allowed).")
    max_upload_files: int = Field(20, ge=1, le=500, description="Files one upload in the "
                                  "Articles tab may hold (each at most ASSISTANT_MAX_FILE_BYTES).")
    max_sessions: int = Field(100, ge=1, le=10000, description="Sessions (browser tabs, API "
                              "clients) whose state the chat keeps: answers, Briefing filters and "
                              "pages; beyond that the least recently used one is forgotten.")

    # generation (OpenAI or any OpenAI-compatible server); standard OpenAI variables, no prefix
    openai_api_key: SecretStr | None = Field(
        None, validation_alias="OPENAI_API_KEY", description="OpenAI key (enables the llm answerer).")
    openai_base_url: str | None = Field(
        None, validation_alias="OPENAI_BASE_URL",
        description="OpenAI-compatible server URL (Ollama, llama.cpp, vLLM).")
    chat_model: str = Field("gpt-4.1-mini", min_length=1,
                            description="Chat model name (ASSISTANT_CHAT_MODEL) on that server.")
    llm_timeout: float = Field(30.0, gt=0, le=600, description="Seconds one model request may "
                               "wait; retries happen only within this budget.")
    llm_retries: int = Field(2, ge=0, le=5, description="Retries after 429, 5xx or a refused "
                             "connection, with exponential backoff (Retry-After honoured).")
    max_tokens: int = Field(400, ge=16, le=4000, description="Most tokens a generated answer has.")
    support_threshold: float = Field(
        0.7, ge=0, le=1, description="Share of a generated sentence's content words its cited "
        "passages must contain (calibrated on tests/data/support_labels.jsonl).")
    unsupported: Literal["mark", "remove"] = Field(
        "mark", description="What happens to a generated sentence its citation does not support.")
    prompts_dir: Path | None = Field(None, description="Folder of the prompt files "
                                     "(default: the prompts/ shipped with the package).")

    @field_validator("chroma_host")
    @classmethod
    def _bare_host(cls, value: str | None) -> str | None:
        return bare_host(value) if value else None

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        items = [v.strip() for v in value.split(",") if v.strip()]
        for item in items:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"ASSISTANT_TRUSTED_PROXIES: {item!r} is not an IP address or "
                                 "network (like 10.0.0.5 or 10.0.0.0/24)") from None
        return ",".join(items)

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("ASSISTANT_CHUNK_OVERLAP must be smaller than ASSISTANT_CHUNK_SIZE")
        if self.answerer == "llm" and not (self.openai_api_key or self.openai_base_url):
            raise ValueError("ASSISTANT_ANSWERER=llm needs OPENAI_API_KEY or OPENAI_BASE_URL")
        return self

    @property
    def use_llm(self) -> bool:
        """Whether answers are generated by a language model."""
        if self.answerer == "auto":
            return bool(self.openai_api_key or self.openai_base_url)
        return self.answerer == "llm"


def bare_host(value: str) -> str:
    """A host name or IP address as it goes into a URL (IPv6 in brackets), or ValueError."""
    bracketed = value.startswith("[") and value.endswith("]")
    try:
        address = ipaddress.ip_address(value[1:-1] if bracketed else value)
        if bracketed and address.version != 6:
            raise ValueError("only IPv6 addresses go in brackets")
    except ValueError:
        last = value.rstrip(".").rsplit(".", 1)[-1]
        if len(value) <= 253 and HOSTNAME.fullmatch(value) and not last.isdigit():
            return value
        # the value is not echoed: a mistyped URL may carry a user and password
        raise ValueError("ASSISTANT_CHROMA_HOST must be a bare host name or IP address (like "
                         "127.0.0.1, ::1 or chroma.internal), without scheme, port, path, user "
                         "or spaces; the port goes in ASSISTANT_CHROMA_PORT, HTTPS is "
                         "ASSISTANT_CHROMA_SSL=true") from None
    return f"[{address}]" if address.version == 6 else str(address)


def load_settings(**overrides: object) -> Settings:
    """Build the settings once (environment, then `.env`, then explicit overrides)."""
    return Settings(**overrides)  # type: ignore[arg-type]


def environment(settings: Settings) -> dict[str, str]:
    """These settings as the ASSISTANT_ variables that rebuild them in a child process (the
    Articles tab runs `assistant add` and `assistant remove` as one), beside this environment."""
    import json

    env = dict(os.environ)
    for name, field in Settings.model_fields.items():
        if field.validation_alias:  # OPENAI_API_KEY and OPENAI_BASE_URL: inherited as they are
            continue
        key, value = f"ASSISTANT_{name.upper()}", getattr(settings, name)
        if value is None:
            env.pop(key, None)
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        env[key] = json.dumps(value) if isinstance(value, dict) else \
            str(value).lower() if isinstance(value, bool) else str(value)
    return env
