namespace Badge.Sdk.Identity;

/// <summary>
/// The kind of organisation a unified social credit code belongs to, read from its first two characters
/// (registration authority and organisation category, GB 32100-2015 appendix A).
/// </summary>
/// <remarks>
/// Badges are issued to <see cref="GovernmentOrgan"/> (<c>11</c>, 机关) and <see cref="PublicInstitution"/>
/// (<c>12</c>, 事业单位). A pair the standard does not name is <see cref="Unknown"/>; the raw characters stay
/// available through <see cref="UnifiedSocialCreditCode.RegistrationAuthority"/> and
/// <see cref="UnifiedSocialCreditCode.Category"/>. In JSON a kind is its member name, for example
/// <c>"GovernmentOrgan"</c>.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<InstitutionKind>))]
public enum InstitutionKind
{
    /// <summary>A registration authority and category pair the standard does not name.</summary>
    Unknown = 0,

    /// <summary><c>11</c> 机关: a government organ.</summary>
    GovernmentOrgan,

    /// <summary><c>12</c> 事业单位: a public institution.</summary>
    PublicInstitution,

    /// <summary><c>13</c> 中央编办直接管理机构编制的群众团体: a mass organisation under the establishment office.</summary>
    MassOrganization,

    /// <summary><c>19</c>: another body registered by the establishment office (机构编制).</summary>
    EstablishmentOther,

    /// <summary><c>21</c> 外国常驻新闻机构: a resident foreign news agency.</summary>
    ForeignNewsAgency,

    /// <summary><c>29</c>: another body registered by foreign affairs (外交).</summary>
    ForeignAffairsOther,

    /// <summary><c>31</c> 律师执业机构: a law firm.</summary>
    LawFirm,

    /// <summary><c>32</c> 公证处: a notary office.</summary>
    NotaryOffice,

    /// <summary><c>33</c> 基层法律服务所: a grassroots legal service office.</summary>
    GrassrootsLegalService,

    /// <summary><c>34</c> 司法鉴定机构: a forensic appraisal body.</summary>
    ForensicAppraisal,

    /// <summary><c>35</c> 仲裁委员会: an arbitration commission.</summary>
    ArbitrationCommission,

    /// <summary><c>39</c>: another body registered by judicial administration (司法行政).</summary>
    JudicialOther,

    /// <summary><c>41</c> 外国在华文化中心: a foreign cultural centre in China.</summary>
    ForeignCulturalCentre,

    /// <summary><c>49</c>: another body registered by culture (文化).</summary>
    CultureOther,

    /// <summary><c>51</c> 社会团体: a social organisation.</summary>
    SocialOrganization,

    /// <summary><c>52</c> 民办非企业单位: a private non-enterprise unit.</summary>
    PrivateNonEnterpriseUnit,

    /// <summary><c>53</c> 基金会: a foundation.</summary>
    Foundation,

    /// <summary><c>59</c>: another body registered by civil affairs (民政).</summary>
    CivilAffairsOther,

    /// <summary><c>61</c> 外国旅游部门常驻代表机构: a resident office of a foreign tourism authority.</summary>
    ForeignTourismOffice,

    /// <summary><c>62</c> 港澳台地区旅游部门常驻内地（大陆）代表机构: a resident office of a Hong Kong, Macao or Taiwan tourism authority.</summary>
    RegionalTourismOffice,

    /// <summary><c>69</c>: another body registered by tourism (旅游).</summary>
    TourismOther,

    /// <summary><c>71</c> 宗教活动场所: a place of religious activity.</summary>
    ReligiousVenue,

    /// <summary><c>72</c> 宗教院校: a religious school.</summary>
    ReligiousSchool,

    /// <summary><c>79</c>: another body registered by religious affairs (宗教).</summary>
    ReligionOther,

    /// <summary><c>81</c> 基层工会: a grassroots trade union.</summary>
    GrassrootsTradeUnion,

    /// <summary><c>89</c>: another body registered by the trade unions (工会).</summary>
    TradeUnionOther,

    /// <summary><c>91</c> 企业: an enterprise.</summary>
    Enterprise,

    /// <summary><c>92</c> 个体工商户: an individual business.</summary>
    IndividualBusiness,

    /// <summary><c>93</c> 农民专业合作社: a farmers' cooperative.</summary>
    FarmersCooperative,

    /// <summary><c>A1</c> 军队事业单位: a military public institution.</summary>
    MilitaryPublicInstitution,

    /// <summary><c>A9</c>: another body registered by the military establishment office.</summary>
    MilitaryOther,

    /// <summary><c>N1</c> 组级集体经济组织: a group-level collective economic organisation.</summary>
    GroupCollective,

    /// <summary><c>N2</c> 村级集体经济组织: a village-level collective economic organisation.</summary>
    VillageCollective,

    /// <summary><c>N3</c> 乡镇级集体经济组织: a township-level collective economic organisation.</summary>
    TownshipCollective,

    /// <summary><c>N9</c>: another body registered by agriculture (农业).</summary>
    AgricultureOther,

    /// <summary><c>Y1</c>: a body registered by another authority (其他).</summary>
    Other,
}
