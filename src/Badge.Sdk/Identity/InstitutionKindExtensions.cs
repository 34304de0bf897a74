namespace Badge.Sdk.Identity;

/// <summary>Display helpers for <see cref="InstitutionKind"/>.</summary>
public static class InstitutionKindExtensions
{
    /// <summary>The Chinese name of the kind as GB 32100-2015 writes it, for pages and reports.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The Chinese name, or <c>未知类别</c> for <see cref="InstitutionKind.Unknown"/>.</returns>
    public static string ToChineseName(this InstitutionKind kind) => kind switch
    {
        InstitutionKind.GovernmentOrgan => "机关",
        InstitutionKind.PublicInstitution => "事业单位",
        InstitutionKind.MassOrganization => "中央编办直接管理机构编制的群众团体",
        InstitutionKind.EstablishmentOther => "其他（机构编制）",
        InstitutionKind.ForeignNewsAgency => "外国常驻新闻机构",
        InstitutionKind.ForeignAffairsOther => "其他（外交）",
        InstitutionKind.LawFirm => "律师执业机构",
        InstitutionKind.NotaryOffice => "公证处",
        InstitutionKind.GrassrootsLegalService => "基层法律服务所",
        InstitutionKind.ForensicAppraisal => "司法鉴定机构",
        InstitutionKind.ArbitrationCommission => "仲裁委员会",
        InstitutionKind.JudicialOther => "其他（司法行政）",
        InstitutionKind.ForeignCulturalCentre => "外国在华文化中心",
        InstitutionKind.CultureOther => "其他（文化）",
        InstitutionKind.SocialOrganization => "社会团体",
        InstitutionKind.PrivateNonEnterpriseUnit => "民办非企业单位",
        InstitutionKind.Foundation => "基金会",
        InstitutionKind.CivilAffairsOther => "其他（民政）",
        InstitutionKind.ForeignTourismOffice => "外国旅游部门常驻代表机构",
        InstitutionKind.RegionalTourismOffice => "港澳台地区旅游部门常驻内地（大陆）代表机构",
        InstitutionKind.TourismOther => "其他（旅游）",
        InstitutionKind.ReligiousVenue => "宗教活动场所",
        InstitutionKind.ReligiousSchool => "宗教院校",
        InstitutionKind.ReligionOther => "其他（宗教）",
        InstitutionKind.GrassrootsTradeUnion => "基层工会",
        InstitutionKind.TradeUnionOther => "其他（工会）",
        InstitutionKind.Enterprise => "企业",
        InstitutionKind.IndividualBusiness => "个体工商户",
        InstitutionKind.FarmersCooperative => "农民专业合作社",
        InstitutionKind.MilitaryPublicInstitution => "军队事业单位",
        InstitutionKind.MilitaryOther => "其他（军队）",
        InstitutionKind.GroupCollective => "组级集体经济组织",
        InstitutionKind.VillageCollective => "村级集体经济组织",
        InstitutionKind.TownshipCollective => "乡镇级集体经济组织",
        InstitutionKind.AgricultureOther => "其他（农业）",
        InstitutionKind.Other => "其他",
        _ => "未知类别",
    };

    /// <summary>Whether badges are issued to this kind in the manual's scope: government organs and public institutions.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> for <see cref="InstitutionKind.GovernmentOrgan"/> and <see cref="InstitutionKind.PublicInstitution"/>.</returns>
    public static bool IsInBadgeScope(this InstitutionKind kind) =>
        kind is InstitutionKind.GovernmentOrgan or InstitutionKind.PublicInstitution;

    internal static InstitutionKind FromCode(char authority, char category) => (authority, category) switch
    {
        ('1', '1') => InstitutionKind.GovernmentOrgan,
        ('1', '2') => InstitutionKind.PublicInstitution,
        ('1', '3') => InstitutionKind.MassOrganization,
        ('1', '9') => InstitutionKind.EstablishmentOther,
        ('2', '1') => InstitutionKind.ForeignNewsAgency,
        ('2', '9') => InstitutionKind.ForeignAffairsOther,
        ('3', '1') => InstitutionKind.LawFirm,
        ('3', '2') => InstitutionKind.NotaryOffice,
        ('3', '3') => InstitutionKind.GrassrootsLegalService,
        ('3', '4') => InstitutionKind.ForensicAppraisal,
        ('3', '5') => InstitutionKind.ArbitrationCommission,
        ('3', '9') => InstitutionKind.JudicialOther,
        ('4', '1') => InstitutionKind.ForeignCulturalCentre,
        ('4', '9') => InstitutionKind.CultureOther,
        ('5', '1') => InstitutionKind.SocialOrganization,
        ('5', '2') => InstitutionKind.PrivateNonEnterpriseUnit,
        ('5', '3') => InstitutionKind.Foundation,
        ('5', '9') => InstitutionKind.CivilAffairsOther,
        ('6', '1') => InstitutionKind.ForeignTourismOffice,
        ('6', '2') => InstitutionKind.RegionalTourismOffice,
        ('6', '9') => InstitutionKind.TourismOther,
        ('7', '1') => InstitutionKind.ReligiousVenue,
        ('7', '2') => InstitutionKind.ReligiousSchool,
        ('7', '9') => InstitutionKind.ReligionOther,
        ('8', '1') => InstitutionKind.GrassrootsTradeUnion,
        ('8', '9') => InstitutionKind.TradeUnionOther,
        ('9', '1') => InstitutionKind.Enterprise,
        ('9', '2') => InstitutionKind.IndividualBusiness,
        ('9', '3') => InstitutionKind.FarmersCooperative,
        ('A', '1') => InstitutionKind.MilitaryPublicInstitution,
        ('A', '9') => InstitutionKind.MilitaryOther,
        ('N', '1') => InstitutionKind.GroupCollective,
        ('N', '2') => InstitutionKind.VillageCollective,
        ('N', '3') => InstitutionKind.TownshipCollective,
        ('N', '9') => InstitutionKind.AgricultureOther,
        ('Y', '1') => InstitutionKind.Other,
        _ => InstitutionKind.Unknown,
    };
}
