// The carrier's JSON is the public contract of the registry API (and the audit record's
// "after"): every field, its type, null for absent optionals, and the key order of the output.
#include "app/registry/codec.hpp"

#include <gtest/gtest.h>

namespace incunet::app::registry {
namespace {

TEST(RegistryCodecTest, CarrierWithChildren) {
  domain::registry::Carrier c;
  c.id = 7;
  c.code = "440305-000007";
  c.kind = "incubator";
  c.name = "深圳湾科技创业孵化器";
  c.operator_uscc = "91440300MA5DA1B2CC";
  c.region_code = "440305";
  c.region_name = "南山区";
  c.address = "南山区科技园";
  c.founded_on = "2016-05-01";
  c.specialization = "general";
  c.industry = "ai";
  c.area_total_m2 = 12000;
  c.area_self_controlled_m2 = 11000.5;
  c.area_incubatee_m2 = 8000;
  c.area_public_service_m2 = 1500;
  c.tier = "provincial";
  c.version = 3;
  c.created_at = "2024-01-02T03:04:05Z";
  c.updated_at = "2024-02-03T04:05:06Z";
  domain::registry::Recognition r;
  r.id = 11;
  r.carrier_id = 7;
  r.authority = "44";
  r.level = "provincial";
  r.valid_from = "2018-01-01";
  r.document_no = "粤科高字〔2018〕1号";
  c.recognitions.push_back(r);
  c.overseas_sites.push_back({"SG", "Singapore"});
  c.cluster_ids = {2, 5};
  EXPECT_EQ(
      ToJson(c).dump(),
      "{\"address\":\"南山区科技园\",\"area_incubatee_m2\":8000.0,\"area_public_service_m2\":"
      "1500.0,\"area_self_controlled_m2\":11000.5,\"area_total_m2\":12000.0,\"closed_on\":null,"
      "\"cluster_ids\":[2,5],\"code\":\"440305-000007\",\"created_at\":\"2024-01-02T03:04:05Z\","
      "\"founded_on\":\"2016-05-01\",\"id\":7,\"industry\":\"ai\",\"kind\":\"incubator\","
      "\"name\":\"深圳湾科技创业孵化器\",\"operator_uscc\":\"91440300MA5DA1B2CC\","
      "\"overseas_sites\":[{\"city\":\"Singapore\",\"country_code\":\"SG\"}],"
      "\"recognitions\":[{\"authority\":\"44\",\"document_no\":\"粤科高字〔2018〕1号\",\"id\":11,"
      "\"level\":\"provincial\",\"valid_from\":\"2018-01-01\",\"valid_to\":null}],"
      "\"region_code\":\"440305\",\"region_name\":\"南山区\",\"specialization\":\"general\","
      "\"tier\":\"provincial\",\"updated_at\":\"2024-02-03T04:05:06Z\",\"version\":3,"
      "\"zone_code\":null}");
}

TEST(RegistryCodecTest, CarrierWithoutChildrenHasEmptyArrays) {
  domain::registry::Carrier c;
  c.id = 1;
  Json j = ToJson(c);
  EXPECT_EQ(j["recognitions"], Json::array());
  EXPECT_EQ(j["overseas_sites"], Json::array());
  EXPECT_EQ(j["cluster_ids"], Json::array());
  EXPECT_EQ(j.size(), 24u);
}

}  // namespace
}  // namespace incunet::app::registry
