"""The native module (Rust, PyO3): the core of akscompute. Values are plain dicts and lists."""
from typing import Any, Dict, List, Optional, Tuple, final

__all__ = [
    "__version__",
    "AttrTable",
    "Client",
    "Maker",
    "build_request",
    "chrome",
    "default_profile",
    "export_as",
    "locales",
    "parse_response",
    "profile_name",
    "rules",
    "sdk_attach_payload",
    "sdk_create_payload",
    "sdk_create_payload_object",
    "sdk_resource_id",
    "sdk_serialize",
    "sdk_ssl",
    "sdk_ssl_fields",
    "sdk_system_service",
    "shape_of",
    "validate",
    "validate_object",
    "vm_size",
]

__version__: str

def validate(operation: str, config: Any, context: Optional[Any] = None, min_severity: str = "info") -> List[Dict[str, Any]]: ...
def sdk_create_payload(config: Any, location: str, subscription_id: str) -> Dict[str, Any]: ...
@final
class AttrTable:
    def __new__(cls, rows: Any, flags: List[str], files: List[str]) -> "AttrTable": ...

@final
class Maker:
    def __new__(
        cls,
        target: type,
        operation: str,
        table: AttrTable,
        names: Any,
        fixed: Any,
        enforce: Any,
        read_pem: Any,
        state: Any,
    ) -> "Maker": ...
    def __call__(self, *args: Any) -> Any: ...
    def init(self, obj: Any, *args: Any) -> None: ...
    def check(self, obj: Any) -> None: ...

def shape_of(obj: Any, table: AttrTable, read_pem: Optional[Any] = None) -> Dict[str, Any]: ...
def validate_object(
    operation: str,
    obj: Any,
    table: AttrTable,
    profile: str,
    locale: Optional[str] = None,
    now: Optional[int] = None,
    min_severity: str = "info",
    read_pem: Optional[Any] = None,
) -> List[Dict[str, Any]]: ...
def sdk_create_payload_object(
    obj: Any, table: AttrTable, location: str, subscription_id: str, ssl_files: Optional[Tuple[str, str]] = None
) -> Dict[str, Any]: ...
def sdk_serialize(info: Dict[str, Any]) -> Dict[str, Any]: ...
def sdk_ssl(
    status: Optional[str],
    cert: Optional[str],
    key: Optional[str],
    cname: Optional[str],
    leaf_domain_label: Optional[str],
    overwrite_existing_domain: bool,
    renew: bool,
) -> Dict[str, Any]: ...
def sdk_system_service(service_type: Optional[str], version: Optional[str], public_ip_address: Optional[str]) -> Dict[str, Any]: ...
def sdk_ssl_fields(
    v: Any,
) -> Tuple[Optional[str], Optional[str], Optional[str], Optional[str], Optional[str], bool, bool]: ...
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
def default_profile() -> str: ...
def locales() -> List[str]: ...
def chrome(key: str, params: Optional[Dict[str, Any]] = None, locale: Optional[str] = None) -> str: ...

@final
class Client:
    def __new__(
        cls,
        credential: Any,
        cloud: str = "public",
        api_version: Optional[str] = None,
        profile: Optional[str] = None,
        poll_interval: float = 5.0,
        timeout: float = 3600.0,
    ) -> "Client": ...
    def create(self, config: Any, context: Any) -> Dict[str, Any]: ...
    def attach(self, config: Any, context: Any) -> Dict[str, Any]: ...
    def update(self, config: Any, context: Any) -> Tuple[Dict[str, Any], List[str]]: ...
    def remove(self, context: Any, name: str, action: str) -> Optional[Dict[str, Any]]: ...
    def wait(self, context: Any, operation: Any, progress: Optional[Any] = None) -> Dict[str, Any]: ...
    def get(self, context: Any, name: str) -> Optional[Dict[str, Any]]: ...
    def list(self, context: Any) -> List[Dict[str, Any]]: ...
    def list_keys(self, context: Any, name: str) -> Dict[str, Any]: ...
