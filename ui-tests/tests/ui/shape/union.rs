use authos_errors::ApiErrorCode;

#[derive(ApiErrorCode)]
union BillingError {
    code: u32,
    status: u16,
}

fn main() {}
