/// The region names of each AWS partition, as botocore's `endpoints.json` lists them: what the
/// TUI's `:region` completes from (the partition of the region in use).
public enum PartitionRegions {
  static let aws = [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
    "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
    "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
    "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
    "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  ]
  static let others: [[String]] = [
    ["cn-north-1", "cn-northwest-1"], ["us-gov-east-1", "us-gov-west-1"],
    ["us-iso-east-1", "us-iso-west-1"], ["us-isob-east-1", "us-isob-west-1"], ["eu-isoe-west-1"],
    ["us-isof-east-1", "us-isof-south-1"], ["eusc-de-east-1"],
  ]

  /// The regions of the partition `region` belongs to (the commercial one when it is unknown).
  public static func names(besides region: String) -> [String] {
    others.first { $0.contains(region) } ?? aws
  }
}
