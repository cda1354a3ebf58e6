"""The native module (Rust, PyO3): the core of akscompute. Values are plain dicts and lists."""
from typing import Any, Dict, List, Optional

__all__ = [
    "__version__",
    "build_request",
    "export_as",
    "parse_response",
    "profile_name",
    "rules",
    "sdk_attach_payload",
    "sdk_create_payload",
    "sdk_resource_id",
    "validate",
    "vm_size",
]

__version__: str

def validate(operation: str, config: Any, context: Optional[Any] = None, min_severity: str = "info") -> List[Dict[str, Any]]: ...
def sdk_create_payload(config: Any, location: str, subscription_id: str) -> Dict[str, Any]: ...
def sdk_attach_payload(config: Any, resource_id: str) -> Dict[str, Any]: ...
def sdk_resource_id(subscription_id: str, resource_group: str, cluster_name: str) -> str: ...
def build_request(
    operation: str,
    config: Any,
    context: Any,
    api_version: Optional[str] = None,
    cloud: Optional[str] = None,
    include_secrets: bool = False,
) -> Dict[str, Any]: ...
def export_as(form: str, operation: str, config: Any, context: Any) -> Any: ...
def parse_response(kind: str, body: Any) -> Dict[str, Any]: ...
def vm_size(name: str) -> Optional[Dict[str, Any]]: ...
def rules() -> List[Dict[str, Any]]: ...
def profile_name(name: str) -> str: ...
